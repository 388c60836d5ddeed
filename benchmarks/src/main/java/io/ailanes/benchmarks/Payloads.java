package io.ailanes.benchmarks;

/** Realistic Chat Completions bodies of a given size. */
final class Payloads {

    private static final String WORDS = "the change rounds the page count up so that a partial last page is counted ";

    private Payloads() {}

    static String text(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(WORDS);
        }
        return text.substring(0, length);
    }

    /** A non-streamed reply whose content is {@code contentLength} characters (about 2 KB in all for 1,800). */
    static String jsonReply(int contentLength) {
        return "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1763000000,\"model\":\"gpt-5-mini-2025-08-07\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text(contentLength)
                + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":410,\"total_tokens\":434,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\"}";
    }

    /** A stream of small content deltas, about {@code totalBytes} long, with finish, usage and [DONE]. */
    static String sseStream(int totalBytes) {
        StringBuilder stream = new StringBuilder(totalBytes + 1024);
        String[] words = WORDS.split(" ");
        int i = 0;
        while (stream.length() < totalBytes) {
            stream.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1763000000,")
                    .append("\"model\":\"gpt-5-mini-2025-08-07\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                    .append(words[i++ % words.length]).append(" \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }
        stream.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,")
                .append("\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        stream.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"choices\":[],")
                .append("\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":").append(i).append(",\"total_tokens\":")
                .append(24 + i).append("}}\n\n");
        stream.append("data: [DONE]\n\n");
        return stream.toString();
    }
}
