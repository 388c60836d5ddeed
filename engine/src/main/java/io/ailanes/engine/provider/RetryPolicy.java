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
        requireNotNegative(initialBackoff, "initialBackoff");
        requireNotNegative(maxBackoff, "maxBackoff");
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /**
     * The wait before attempt {@code nextAttempt} (2 for the first retry): {@code initialBackoff} doubled per
     * earlier retry, capped at {@code maxBackoff}, then the {@code jitter} fraction of it randomised, so the
     * wait lies in {@code [capped * (1 - jitter), capped]}.
     *
     * @param random a number in [0, 1) that sets the jitter (values outside are clamped)
     */
    public Duration backoff(int nextAttempt, double random) {
        int exponent = (int) Math.max(0, Math.min((long) nextAttempt - 2, 62));
        long initial = millis(initialBackoff);
        // Shifting past the top bit would wrap around to a small (even zero) wait: saturate instead.
        long base = initial > (Long.MAX_VALUE >> exponent) ? Long.MAX_VALUE : initial << exponent;
        long capped = Math.min(base, millis(maxBackoff));
        double r = Double.isNaN(random) ? 0 : Math.max(0, Math.min(1, random));
        long jittered = Math.round(capped * (1 - jitter + jitter * r));
        return Duration.ofMillis(Math.max(0, Math.min(capped, jittered)));
    }

    private static long millis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
