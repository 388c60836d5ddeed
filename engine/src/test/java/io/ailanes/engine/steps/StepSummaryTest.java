package io.ailanes.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.review.Review;
import io.ailanes.engine.review.Reviewer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one wording of each step's outcome, which the Jenkins build log, step rows and pages and the CLI's output all
 * print: every fact present and absent, singular and plural.
 */
class StepSummaryTest {

    private static final String SHA = "b015808a0b98c0ffee0123456789abcdef0123456789abcdef0123456789abcd";

    @Test
    void aPlanSaysItsFilesStepsCriteriaAndShortHash() {
        Plan plan = new Plan("Fix the pager.",
                List.of(new Plan.Step("Round up.", List.of("src/Pager.java")), new Plan.Step("Test it.", List.of())),
                List.of(new Plan.FileChange("src/Pager.java", "modify", "the bug")),
                List.of("pageCount(10, 3) == 4", "pageCount(1, 5) == 1", "pageCount(0, 5) == 0"), List.of(), List.of());
        Planner.Result result = new Planner.Result(plan, SHA, Path.of("plan.json"), Path.of("plan.md"), List.of(),
                List.of());

        assertThat(PlanSummary.of(result)).isEqualTo(new PlanSummary(1, 2, 3, SHA));
        assertThat(PlanSummary.of(result).text())
                .isEqualTo("1 file, 2 steps, 3 acceptance criteria; sha256 b015808a0b98");
        assertThat(new PlanSummary(2, 1, 1, null).text()).isEqualTo("2 files, 1 step, 1 acceptance criterion");
        assertThat(new PlanSummary(0, 0, 0, "abc").text()).isEqualTo("0 files, 0 steps, 0 acceptance criteria; sha256 abc");
    }

    private static Implementer.Result implemented(boolean passed, int rounds, boolean escalated, boolean reverted,
            List<String> files, String model) {
        List<Implementer.Round> list = new java.util.ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            list.add(new Implementer.Round(i, "execution", model, i == rounds && passed ? Implementer.RoundOutcome.PASSED
                    : Implementer.RoundOutcome.GATES_FAILED, List.of(), List.of(), List.of()));
        }
        return new Implementer.Result(passed, list, escalated, "execution", model, "deepseek", files, "patch", 3, 1,
                reverted, passed ? null : "test still fails", Path.of("changes.patch"), Path.of("gates.xml"),
                BigDecimal.ZERO);
    }

    @Test
    void anImplementationSaysHowItEndedAndWhatItChanged() {
        assertThat(ImplementSummary.of(implemented(true, 2, false, false, List.of("a"), "deepseek/deepseek-flash"), false)
                .text()).isEqualTo("gates passed after 2 rounds; 1 file changed (+3 -1); last model deepseek/deepseek-flash");
        assertThat(ImplementSummary.of(implemented(true, 1, true, false, List.of("a", "b"), "anthropic/opus"), true)
                .text()).isEqualTo("gates passed after 1 round, escalated, held for approval; 2 files changed (+3 -1);"
                        + " last model anthropic/opus");
        // Reverted: nothing is left changed, so the patch's line counts are not said.
        assertThat(ImplementSummary.of(implemented(false, 3, false, true, List.of(), "m/x"), false).text())
                .isEqualTo("gates failed after 3 rounds, reverted; no file changed; last model m/x");
        // No model answered; line counts unknown (a build saved before they were kept).
        assertThat(new ImplementSummary(false, 0, false, false, false, 1, null, null, null).text())
                .isEqualTo("gates failed after 0 rounds; 1 file changed");
    }

    private static Reviewer.Result reviewed(String verdict, boolean failed, String... severities) {
        List<Review.Finding> findings = new java.util.ArrayList<>();
        for (String severity : severities) {
            findings.add(new Review.Finding(severity, "src/A.java", 1, "bug", "m", null));
        }
        return new Reviewer.Result(new Review(verdict, "summary", findings), failed, "anthropic/claude-sonnet-4-6",
                List.of(), Path.of("review.json"), Path.of("review.sarif"), Path.of("review.xml"));
    }

    @Test
    void aReviewSaysItsVerdictByWhomAndItsCounts() {
        assertThat(ReviewSummary.of(reviewed("approve", false, "low")).text())
                .isEqualTo("approved by anthropic/claude-sonnet-4-6: 0 high, 0 medium, 1 low");
        assertThat(ReviewSummary.of(reviewed("request_changes", true, "high", "medium", "medium")).text())
                .isEqualTo("changes requested by anthropic/claude-sonnet-4-6: 1 high, 2 medium, 0 low (at or above failOn)");
        // The pipeline's spelling, as a Jenkins build keeps it, says the same.
        assertThat(new ReviewSummary("request-changes", "m/x", 0, 0, 0, false).text())
                .isEqualTo("changes requested by m/x: 0 high, 0 medium, 0 low");
        assertThat(new ReviewSummary("comment", null, 0, 1, 0, false).text()).isEqualTo("comment: 0 high, 1 medium, 0 low");
    }

    @Test
    void countedNounsAreSingularForOne() {
        assertThat(CountedNoun.of(1, "call")).isEqualTo("1 call");
        assertThat(CountedNoun.of(0, "call")).isEqualTo("0 calls");
        assertThat(CountedNoun.of(2, "acceptance criterion", "acceptance criteria")).isEqualTo("2 acceptance criteria");
    }
}
