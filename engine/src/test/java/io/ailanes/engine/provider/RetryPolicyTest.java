package io.ailanes.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    private static RetryPolicy policy(long initialMillis, long maxMillis, double jitter) {
        return new RetryPolicy(10, Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis), jitter, LONG);
    }

    @ParameterizedTest(name = "attempt {0} waits {1} ms")
    @CsvSource({"2, 100", "3, 200", "4, 400", "5, 800", "6, 1000", "7, 1000", "100, 1000", "2147483647, 1000"})
    void doublesPerRetryUpToTheCap(int nextAttempt, long expectedMillis) {
        assertThat(policy(100, 1000, 0).backoff(nextAttempt, 0.7)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void attemptNumbersBelowTwoGetTheInitialWait() {
        assertThat(policy(100, 1000, 0).backoff(1, 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy(100, 1000, 0).backoff(0, 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy(100, 1000, 0).backoff(Integer.MIN_VALUE, 0)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void initialWaitAboveTheCapIsCapped() {
        assertThat(policy(5000, 1000, 0).backoff(2, 0)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void jitterRandomisesThatFractionOfTheWait() {
        RetryPolicy half = policy(100, 10_000, 0.5);
        // attempt 5: 800 ms before jitter, so between 400 and 800 ms.
        assertThat(half.backoff(5, 0)).isEqualTo(Duration.ofMillis(400));
        assertThat(half.backoff(5, 0.5)).isEqualTo(Duration.ofMillis(600));
        assertThat(half.backoff(5, 0.999_999)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void fullJitterCanWaitNothing() {
        RetryPolicy full = policy(100, 10_000, 1);
        assertThat(full.backoff(3, 0)).isEqualTo(Duration.ZERO);
        assertThat(full.backoff(3, 0.25)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void jitteredWaitsStayWithinTheirBounds() {
        RetryPolicy policy = policy(500, 30_000, 0.5);
        Random random = new Random(42);
        for (int attempt = 2; attempt <= 12; attempt++) {
            long capped = Math.min(500L << (attempt - 2), 30_000);
            for (int i = 0; i < 200; i++) {
                assertThat(policy.backoff(attempt, random.nextDouble()).toMillis())
                        .isBetween(capped / 2, capped);
            }
        }
    }

    @Test
    void randomOutsideItsRangeIsClamped() {
        RetryPolicy half = policy(1000, 10_000, 0.5);
        assertThat(half.backoff(2, -3)).isEqualTo(Duration.ofMillis(500));
        assertThat(half.backoff(2, 7)).isEqualTo(Duration.ofMillis(1000));
        assertThat(half.backoff(2, Double.NaN)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void hugeWaitsSaturateInsteadOfWrappingAround() {
        // 2^34 ms doubled 30 times is 2^64: a plain shift wraps to 0 and would retry at once.
        RetryPolicy policy = new RetryPolicy(40, Duration.ofMillis(1L << 34), Duration.ofDays(100_000), 0, LONG);
        assertThat(policy.backoff(32, 0)).isEqualTo(Duration.ofDays(100_000));
        RetryPolicy unbounded = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE), 0, LONG);
        assertThat(unbounded.backoff(200, 0)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Test
    void defaultsDocumentTheProductionPolicy() {
        assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(4);
        assertThat(RetryPolicy.DEFAULT.backoff(2, 0)).isEqualTo(Duration.ofMillis(250));
        assertThat(RetryPolicy.DEFAULT.backoff(4, 0.999_999)).isEqualTo(Duration.ofMillis(2000));
        assertThat(RetryPolicy.DEFAULT.backoff(20, 0.999_999)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.NONE.backoff(2, 0.5)).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts must be at least 1, was 0");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter must be between 0 and 1");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, -0.1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Double.NaN, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(-1), Duration.ZERO, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialBackoff must not be negative");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetryAfter");
        assertThatThrownBy(() -> new RetryPolicy(1, null, Duration.ZERO, 0, Duration.ZERO))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("initialBackoff");
    }
}
