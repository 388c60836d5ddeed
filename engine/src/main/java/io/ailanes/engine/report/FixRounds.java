package io.ailanes.engine.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * How much of the input of implement fix rounds came from the provider's prompt cache: later rounds resend
 * the same plan and files, so a high share means the cache discount worked.
 *
 * @param firstRound round 1 (the baseline: usually nothing cached yet), or null if no round was seen
 * @param rounds rounds 2 and later, in order
 * @param overall rounds 2 and later together
 */
public record FixRounds(RoundShare firstRound, List<RoundShare> rounds, RoundShare overall) {

    public FixRounds {
        rounds = List.copyOf(rounds);
    }

    /**
     * @param round the round, or null for the overall figure
     * @param attempts attempts in the round(s)
     * @param totalInputTokens all input tokens (plain, cache read, cache write)
     * @param cacheReadTokens input tokens read from the cache
     */
    public record RoundShare(Integer round, long attempts, long totalInputTokens, long cacheReadTokens) {

        /** cacheRead / total input as a fraction with four places, or null without input. */
        public BigDecimal cachedShare() {
            return Ratios.share(cacheReadTokens, totalInputTokens);
        }
    }
}
