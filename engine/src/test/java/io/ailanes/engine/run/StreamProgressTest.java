package io.ailanes.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress lines while a model streams: throttled, with tokens so far and spend against the cap. */
class StreamProgressTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private ScopeState state = new ScopeState(ScopeId.build("job#1"), new BigDecimal("5"), new BigDecimal("0.25"),
            new BigDecimal("0.10"), BigDecimal.ZERO, BigDecimal.ZERO, 1);

    private StreamProgress progress() {
        return new StreamProgress(lines::add, "plan", () -> state, now::get, 1_000);
    }

    @Test
    void atMostOneLinePerIntervalWithTokensAndSpendAgainstTheCap() {
        StreamProgress progress = progress();
        progress.onText("a".repeat(400));
        assertThat(lines).isEmpty();
        now.addAndGet(999_000_000L);
        progress.onText("b".repeat(400));
        assertThat(lines).isEmpty();
        now.addAndGet(1_000_000L);
        progress.onText("c".repeat(400));
        assertThat(lines).containsExactly(
                "[ai-lanes] plan: ~300 output tokens streamed so far; run spent $0.2500 (+$0.1000 reserved) of $5.0000");
        progress.onText("d");
        assertThat(lines).hasSize(1);
    }

    @Test
    void withoutCapOrReservationsTheLineSaysOnlyWhatWasSpent() {
        state = new ScopeState(ScopeId.build("job#1"), null, new BigDecimal("1.5"), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, 0);
        StreamProgress progress = progress();
        now.addAndGet(2_000_000_000L);
        progress.onText("xyz");
        assertThat(lines).containsExactly("[ai-lanes] plan: ~1 output tokens streamed so far; run spent $1.5000");
    }

    @Test
    void whatAFailedAttemptStreamedIsDeclaredDiscardedAndNotCounted() {
        StreamProgress progress = progress();
        progress.onText("x".repeat(40));
        progress.onAttempt(new io.ailanes.engine.provider.Attempt(1, io.ailanes.engine.provider.Attempt.Outcome.RETRYING,
                200, io.ailanes.engine.provider.ProviderException.of("p", "m",
                        io.ailanes.engine.provider.ErrorKind.TIMEOUT_IDLE, 200, "idle"),
                io.ailanes.engine.provider.Usage.ZERO, java.time.Duration.ZERO, java.time.Duration.ZERO));
        progress.onText("y".repeat(8));

        assertThat(lines).containsExactly("[ai-lanes] plan: attempt 1 failed after ~10 output tokens; what it streamed is"
                + " discarded");
        assertThat(progress.line()).contains("~2 output tokens streamed so far");
    }
}
