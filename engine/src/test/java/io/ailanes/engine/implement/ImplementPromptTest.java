package io.ailanes.engine.implement;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.gate.GateResult;
import io.ailanes.engine.gate.JUnitCounts;
import io.ailanes.engine.prompt.PromptFence;
import io.ailanes.engine.redact.Redactor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feedback between implement rounds: what the model is told about a rejected, invalid or failing change. */
class ImplementPromptTest {

    private final ImplementPrompt prompt = new ImplementPrompt(new PromptFence(Redactor.of()),
            Implementer.Request.of(ImplementerTest.PLAN, "abc", List.of()));

    @Test
    void aRejectedChangeSetIsNamedWithEveryViolationAndWhatToDo() {
        assertThat(prompt.rejectedFeedback(List.of("Jenkinsfile: protected [protected]", "x: outside the plan [plan]")))
                .isEqualTo("Your change set was REJECTED as a whole and nothing was written, because it breaks the edit"
                        + " policy:\n- Jenkinsfile: protected [protected]\n- x: outside the plan [plan]\nChange only"
                        + " the files the plan names, and none of the protected paths.");
    }

    @Test
    void editsThatStillDoNotApplyListTheirProblems() {
        assertThat(prompt.invalidFeedback(List.of("block 1 src/a.txt: SEARCH text not found")))
                .isEqualTo("Your edits could not be applied and nothing was written:\n- block 1 src/a.txt: SEARCH text"
                        + " not found");
    }

    @Test
    void gateOutputIsBoundedAndGoesIntoTheNextRoundFenced() {
        GateResult failed = new GateResult(ImplementerTest.CHECK, false, 1, false, Duration.ofSeconds(1),
                "x".repeat(50_000), JUnitCounts.NONE, false);
        String feedback = prompt.gateFeedback(List.of(failed));

        // 2,000 feedback tokens by default: far less than the gate printed.
        assertThat(feedback).contains("check").hasSizeLessThan(20_000);
        assertThat(prompt.fixAsk(2, feedback)).startsWith("Round 2: ").contains("gate output, round 1");
    }
}
