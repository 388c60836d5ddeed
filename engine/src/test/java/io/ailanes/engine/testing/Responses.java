package io.ailanes.engine.testing;

import mockwebserver3.MockResponse;

/** MockWebServer responses in the providers' shapes. */
public final class Responses {

    private Responses() {}

    public static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    public static MockResponse sse(String body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .body(body)
                .build();
    }

    /**
     * The body of a plain OpenAI Chat Completions reply: one assistant message and its usage (total = prompt +
     * completion), the shape the OpenAI-compatible adapter reads.
     */
    public static String chatCompletion(String model, String content, long promptTokens, long completionTokens) {
        return "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"" + model + "\",\"choices\":"
                + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens)
                + "}}";
    }

    /** An HTML page, as a proxy or load balancer sends it. */
    public static MockResponse html(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "text/html")
                .body(body)
                .build();
    }
}
