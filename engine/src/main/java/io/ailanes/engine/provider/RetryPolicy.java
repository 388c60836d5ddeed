package io.ailanes.engine.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to wait before sending a failed request again.
 *
 * @param maxAttempts attempts in all, the first included (1 = never retry)
 * @param initialBackoff the wait before the second attempt, doubled for each later one
 * @param maxBackoff the longest computed wait
 * @param jitter the fraction of each wait that is randomised (0 = none, 1 = full jitter)
 * @param maxRetryAfter the longest provider-requested wait ({@code Retry-After}) we honour; a longer one
 *     ends the call, so a lane can fall back instead of holding a build
 */
public record RetryPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), 0.5, Duration.ofSeconds(120));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /**
     * The wait before attempt {@code nextAttempt} (2 for the first retry).
     *
     * @param random a number in [0, 1) that sets the jitter
     */
    public Duration backoff(int nextAttempt, double random) {
        int exponent = Math.max(0, Math.min(nextAttempt - 2, 30));
        long base = initialBackoff.toMillis() << exponent;
        long capped = Math.min(base < 0 ? Long.MAX_VALUE : base, maxBackoff.toMillis());
        long jittered = Math.round(capped * (1 - jitter + jitter * random));
        return Duration.ofMillis(Math.max(0, jittered));
    }
}
