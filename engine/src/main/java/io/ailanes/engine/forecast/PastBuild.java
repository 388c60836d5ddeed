package io.ailanes.engine.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One past build, from its verified audit, re-priced at today's prices.
 *
 * @param name where it came from (a path, or {@code #42} in Jenkins)
 * @param runId the audit's run id (its first line's)
 * @param startedAt its first line's time: builds are ordered by it
 * @param recordedUsd what the audit says the build cost (at the prices of its day)
 * @param costUsd the same recorded token usage at today's prices
 * @param byStep today's cost per step, in the order the steps first appeared
 * @param byLane today's cost per lane, in the order the lanes first appeared
 * @param attempts the audit lines that record an attempt (policy events left aside)
 */
record PastBuild(String name, String runId, Instant startedAt, BigDecimal recordedUsd, BigDecimal costUsd,
        Map<String, BigDecimal> byStep, Map<String, BigDecimal> byLane, long attempts) {

    public PastBuild {
        byStep = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byStep));
        byLane = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLane));
    }
}
