package io.ailanes.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic OpenAI Chat Completions bodies of a given size, shaped like what api.openai.com sends:
 * a complete {@code chat.completion} object and a {@code chat.completion.chunk} event stream with
 * {@code stream_options.include_usage}.
 */
public final class Payloads {

    static final String ID = "chatcmpl-BENCHa1b2c3d4e5f6g7h8i9j0kLmNoP";
    static final String MODEL = "gpt-4o-mini-2024-07-18";
    static final long CREATED = 1_750_000_000L;
    static final String FINGERPRINT = "fp_44added55e";

    /** Prompt and completion token counts the bodies report. */
    static final int PROMPT_TOKENS = 412;
    static final int CACHED_TOKENS = 256;
    static final int REASONING_TOKENS = 0;

    private static final String[] WORDS = {
        "the", "engine", "routes", "each", "call", "to", "a", "lane", "and", "counts", "every", "token",
        "so", "that", "budgets", "hold;", "reviewers", "read", "plans", "while", "cheaper", "models", "write",
        "code,", "tests", "decide", "whether", "changes", "land.", "Latency", "matters", "less", "than", "cost",
    };

    private Payloads() {}

    /** Plain prose of exactly {@code chars} characters (ASCII). */
    static String prose(int chars) {
        StringBuilder text = new StringBuilder(chars + 16);
        for (int i = 0; text.length() < chars; i++) {
            if (i > 0) {
                text.append(i % 17 == 0 ? "\n\n" : " ");
            }
            text.append(WORDS[(i * 7 + i / 5) % WORDS.length]);
        }
        text.setLength(chars);
        return text.toString();
    }

    /** A complete (non-streamed) reply whose content is {@code contentChars} long. */
    static byte[] completion(int contentChars) {
        String content = prose(contentChars);
        String json = "{\n"
                + "  \"id\": \"" + ID + "\",\n"
                + "  \"object\": \"chat.completion\",\n"
                + "  \"created\": " + CREATED + ",\n"
                + "  \"model\": \"" + MODEL + "\",\n"
                + "  \"choices\": [\n"
                + "    {\n"
                + "      \"index\": 0,\n"
                + "      \"message\": {\n"
                + "        \"role\": \"assistant\",\n"
                + "        \"content\": " + quote(content) + ",\n"
                + "        \"refusal\": null,\n"
                + "        \"annotations\": []\n"
                + "      },\n"
                + "      \"logprobs\": null,\n"
                + "      \"finish_reason\": \"stop\"\n"
                + "    }\n"
                + "  ],\n"
                + "  \"usage\": {\n"
                + "    \"prompt_tokens\": " + PROMPT_TOKENS + ",\n"
                + "    \"completion_tokens\": " + completionTokens(content) + ",\n"
                + "    \"total_tokens\": " + (PROMPT_TOKENS + completionTokens(content)) + ",\n"
                + "    \"prompt_tokens_details\": {\n"
                + "      \"cached_tokens\": " + CACHED_TOKENS + ",\n"
                + "      \"audio_tokens\": 0\n"
                + "    },\n"
                + "    \"completion_tokens_details\": {\n"
                + "      \"reasoning_tokens\": " + REASONING_TOKENS + ",\n"
                + "      \"audio_tokens\": 0,\n"
                + "      \"accepted_prediction_tokens\": 0,\n"
                + "      \"rejected_prediction_tokens\": 0\n"
                + "    }\n"
                + "  },\n"
                + "  \"service_tier\": \"default\",\n"
                + "  \"system_fingerprint\": \"" + FINGERPRINT + "\"\n"
                + "}\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An event stream of at least {@code bytes} bytes: a role chunk, one chunk per word of content, a
     * finish chunk, a usage chunk and {@code [DONE]}.
     */
    static byte[] stream(int bytes) {
        return build(bytes, new StringBuilder(), new int[1]).getBytes(StandardCharsets.UTF_8);
    }

    /** The text {@link #stream} carries. */
    static String streamText(int bytes) {
        StringBuilder text = new StringBuilder();
        build(bytes, text, new int[1]);
        return text.toString();
    }

    /** The completion tokens {@link #stream} reports: one per content chunk. */
    static int streamTokens(int bytes) {
        int[] tokens = new int[1];
        build(bytes, new StringBuilder(), tokens);
        return tokens[0];
    }

    private static String build(int bytes, StringBuilder text, int[] tokenCount) {
        StringBuilder sse = new StringBuilder(bytes + 1024);
        sse.append(chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null"));
        int tokens = 0;
        for (int i = 0; sse.length() < bytes - 1024; i++) {
            String word = (i == 0 ? "" : " ") + WORDS[(i * 7 + i / 5) % WORDS.length];
            sse.append(chunk("{\"content\":" + quote(word) + "}", "null"));
            text.append(word);
            tokens++;
        }
        sse.append(chunk("{}", "\"stop\""));
        sse.append("data: {\"id\":\"").append(ID).append("\",\"object\":\"chat.completion.chunk\",\"created\":")
                .append(CREATED).append(",\"model\":\"").append(MODEL)
                .append("\",\"service_tier\":\"default\",\"system_fingerprint\":\"").append(FINGERPRINT)
                .append("\",\"choices\":[],\"usage\":{\"prompt_tokens\":").append(PROMPT_TOKENS)
                .append(",\"completion_tokens\":").append(tokens)
                .append(",\"total_tokens\":").append(PROMPT_TOKENS + tokens)
                .append(",\"prompt_tokens_details\":{\"cached_tokens\":").append(CACHED_TOKENS)
                .append(",\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":")
                .append(REASONING_TOKENS)
                .append(",\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n");
        sse.append("data: [DONE]\n\n");
        tokenCount[0] = tokens;
        return sse.toString();
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":\"" + MODEL + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"" + FINGERPRINT
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + finishReason + "}],\"usage\":null}\n\n";
    }

    /** Roughly four characters a token, as for English prose. */
    private static int completionTokens(String content) {
        return (content.length() + 3) / 4;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
