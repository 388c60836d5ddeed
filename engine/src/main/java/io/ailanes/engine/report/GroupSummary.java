package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * The aggregate of every attempt sharing one step, lane or model.
 *
 * @param key the step, lane or {@code provider/model}
 * @param family the model family (model groups only), or null
 * @param lanes the lanes seen in the group, sorted
 * @param models the models seen in the group, sorted
 * @param calls distinct call ids with at least one attempt in the group
 * @param attempts attempts in the group
 * @param failedAttempts attempts whose outcome was not SUCCEEDED
 * @param costUsd exact sum of the attempts' costs
 * @param tokens sum of the attempts' token buckets
 * @param latencyMsTotal sum of the attempts' latencies
 * @param latencyMsMax the slowest attempt
 */
public record GroupSummary(String key, String family, List<String> lanes, List<String> models, long calls,
        long attempts, long failedAttempts, BigDecimal costUsd, Usage tokens, long latencyMsTotal,
        long latencyMsMax) {

    public GroupSummary {
        lanes = List.copyOf(lanes);
        models = List.copyOf(models);
    }

    /** Cache reads over all input tokens, or null without input. */
    public BigDecimal cacheShare() {
        return Ratios.share(tokens.cacheReadTokens(), tokens.totalInputTokens());
    }
}
