package io.ailanes.engine.provider;

/**
 * Token counts of one call, normalised into disjoint buckets so that each token is priced exactly once.
 *
 * <p>Providers report overlapping totals (OpenAI's {@code prompt_tokens} include cached tokens, its
 * {@code completion_tokens} include reasoning tokens; Anthropic's {@code input_tokens} exclude cache reads
 * and writes; Gemini's {@code candidatesTokenCount} excludes thoughts). The adapters translate them into
 * these buckets:
 *
 * @param inputTokens input tokens billed at the plain input rate (neither read from nor written to a cache)
 * @param cacheReadTokens input tokens served from the provider's prompt cache
 * @param cacheWriteTokens input tokens written to a 5-minute (default) prompt cache
 * @param cacheWrite1hTokens input tokens written to a 1-hour prompt cache
 * @param outputTokens visible output tokens, excluding reasoning
 * @param reasoningTokens reasoning ("thinking") output tokens
 */
public record Usage(
        long inputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long cacheWrite1hTokens,
        long outputTokens,
        long reasoningTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0);

    public Usage {
        if (inputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0 || cacheWrite1hTokens < 0
                || outputTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative: " + describe(
                    inputTokens, cacheReadTokens, cacheWriteTokens, cacheWrite1hTokens, outputTokens, reasoningTokens));
        }
    }

    /** All input tokens, whichever rate applies to them (the figure context windows are measured in). */
    public long totalInputTokens() {
        return inputTokens + cacheReadTokens + cacheWriteTokens + cacheWrite1hTokens;
    }

    /** All output tokens, visible and reasoning. */
    public long totalOutputTokens() {
        return outputTokens + reasoningTokens;
    }

    public long totalTokens() {
        return totalInputTokens() + totalOutputTokens();
    }

    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens,
                cacheReadTokens + other.cacheReadTokens,
                cacheWriteTokens + other.cacheWriteTokens,
                cacheWrite1hTokens + other.cacheWrite1hTokens,
                outputTokens + other.outputTokens,
                reasoningTokens + other.reasoningTokens);
    }

    @Override
    public String toString() {
        return describe(inputTokens, cacheReadTokens, cacheWriteTokens, cacheWrite1hTokens, outputTokens, reasoningTokens);
    }

    private static String describe(long in, long read, long write, long write1h, long out, long reasoning) {
        return "input=" + in + " cacheRead=" + read + " cacheWrite=" + write + " cacheWrite1h=" + write1h
                + " output=" + out + " reasoning=" + reasoning;
    }
}
