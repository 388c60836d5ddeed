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

    /** An HTML page, as a proxy or load balancer sends it. */
    public static MockResponse html(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "text/html")
                .body(body)
                .build();
    }
}
