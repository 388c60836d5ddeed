package io.ailanes.engine.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.Usage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A cancelled call the provider had begun answering is counted at its estimated input, never at $0. */
class UnreportedInputTest {

    private static Attempt cancelled(Integer status, Usage usage) {
        return new Attempt(1, Attempt.Outcome.FAILED, status,
                ProviderException.of("p", "m", ErrorKind.CANCELLED, status, "cancelled"), usage, Duration.ofMillis(5),
                Duration.ZERO);
    }

    @Test
    void aStreamCutByTheUserAfterTheProviderAnsweredCountsItsEstimatedInput() {
        Attempt counted = LaneRouter.withUnreportedInput(cancelled(200, Usage.ZERO), 1234);

        assertThat(counted.usage()).isEqualTo(new Usage(1234, 0, 0, 0, 0, 0));
        assertThat(counted.error().kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(counted.error().getMessage()).contains(LaneRouter.ESTIMATED_ON_CANCEL + "1234 input tokens");
        assertThat(LaneRouter.withUnreportedInput(cancelled(200, null), 10).usage().inputTokens()).isEqualTo(10);
    }

    @Test
    void reportedUsageNoAnswerYetAndOtherFailuresStandAsTheyAre() {
        Attempt reported = cancelled(200, new Usage(900, 0, 0, 0, 12, 0));
        Attempt beforeAnswer = cancelled(null, Usage.ZERO);
        Attempt timedOut = new Attempt(1, Attempt.Outcome.FAILED, 200,
                ProviderException.of("p", "m", ErrorKind.TIMEOUT_IDLE, 200, "idle"), Usage.ZERO, Duration.ZERO,
                Duration.ZERO);

        assertThat(LaneRouter.withUnreportedInput(reported, 1234)).isSameAs(reported);
        assertThat(LaneRouter.withUnreportedInput(beforeAnswer, 1234)).isSameAs(beforeAnswer);
        assertThat(LaneRouter.withUnreportedInput(timedOut, 1234)).isSameAs(timedOut);
    }
}
