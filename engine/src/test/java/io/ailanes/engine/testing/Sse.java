package io.ailanes.engine.testing;

/** Small Chat Completions stream events, for tests that cut, stall or trickle a stream between them. */
public final class Sse {

    public static final String DONE = "data: [DONE]\n\n";

    private Sse() {}

    /** A chunk carrying {@code text} (plain ASCII without quotes or backslashes). */
    public static String delta(String text) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    public static String finish(String reason) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}\n\n";
    }

    /** The final usage chunk {@code stream_options.include_usage} asks for. */
    public static String usage(int prompt, int completion) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}\n\n";
    }

    /** A complete stream answering any {@code text} (JSON-escaped) with the given usage. */
    public static String answer(String text, int prompt, int completion) {
        String escaped = com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-5\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + escaped + "},\"finish_reason\":null}]}\n\n"
                + finish("stop") + usage(prompt, completion) + DONE;
    }

    /** A complete stream answering {@code text} in one delta. */
    public static String complete(String text) {
        return delta(text) + finish("stop") + usage(5, 2) + DONE;
    }
}
