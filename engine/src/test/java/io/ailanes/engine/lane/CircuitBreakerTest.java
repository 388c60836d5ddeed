package io.ailanes.engine.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(60), clock);

    @Test
    void opensAfterThresholdConsecutiveFailuresOnly() {
        breaker.recordFailure("m");
        breaker.recordFailure("m");
        breaker.recordSuccess("m");
        breaker.recordFailure("m");
        breaker.recordFailure("m");
        assertThat(breaker.state("m")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire("m")).isTrue();

        assertThat(breaker.recordFailure("m")).isTrue();
        assertThat(breaker.state("m")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire("m")).isFalse();
        assertThat(breaker.tryAcquire("other")).isTrue();
    }

    @Test
    void halfOpenLetsOneTrialThroughAndItsOutcomeDecides() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure("m");
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(breaker.tryAcquire("m")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.state("m")).isEqualTo(CircuitBreaker.State.HALF_OPEN);

        assertThat(breaker.tryAcquire("m")).isTrue();
        assertThat(breaker.tryAcquire("m")).as("only one trial at a time").isFalse();
        assertThat(breaker.recordFailure("m")).as("a failed trial re-opens at once").isTrue();
        assertThat(breaker.state("m")).isEqualTo(CircuitBreaker.State.OPEN);

        clock.advance(Duration.ofSeconds(60));
        assertThat(breaker.tryAcquire("m")).isTrue();
        breaker.recordSuccess("m");
        assertThat(breaker.state("m")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire("m")).isTrue();
        assertThat(breaker.consecutiveFailures("m")).isZero();
    }
}
