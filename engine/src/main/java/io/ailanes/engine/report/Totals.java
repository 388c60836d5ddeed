package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SortedMap;

/**
 * The whole run in figures.
 *
 * @param costUsd exact sum of every attempt's cost
 * @param tokens sum of every attempt's token buckets
 * @param calls distinct call ids
 * @param attempts HTTP attempts (calls sent plus retries and fallbacks); a budget refusal sent nothing and is none
 * @param failedAttempts attempts whose outcome was not SUCCEEDED
 * @param failedCalls calls none of whose attempts succeeded
 * @param outcomes attempts per outcome
 * @param latencyMsTotal sum of the attempts' latencies
 * @param latencyMsMax the slowest attempt
 * @param sentCalls calls at least one attempt of which was sent
 */
public record Totals(BigDecimal costUsd, Usage tokens, long calls, long attempts, long failedAttempts,
        long failedCalls, SortedMap<String, Long> outcomes, long latencyMsTotal, long latencyMsMax, long sentCalls) {

    /** Attempts beyond the first of each call that was sent: retries and fallbacks. */
    public long retries() {
        return Math.max(0, attempts - sentCalls);
    }

    /** Mean attempt latency in milliseconds with one place, or null without attempts. */
    public BigDecimal latencyMsMean() {
        return attempts == 0 ? null
                : BigDecimal.valueOf(latencyMsTotal).divide(BigDecimal.valueOf(attempts), 1, RoundingMode.HALF_EVEN);
    }

    public BigDecimal cacheShare() {
        return Ratios.share(tokens.cacheReadTokens(), tokens.totalInputTokens());
    }
}
