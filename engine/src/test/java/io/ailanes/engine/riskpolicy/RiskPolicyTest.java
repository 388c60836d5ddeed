package io.ailanes.engine.riskpolicy;

import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.risk.RiskClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.ValidatedConfig;
import io.ailanes.engine.edit.EditPolicy;
import io.ailanes.engine.report.PolicyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each class decides for each step, from its built-in defaults and from the admin's bundles. */
class RiskPolicyTest {

    static final String LANES = "providers:\n  - {id: openai, kind: openai, baseUrl: https://api.openai.com/v1, credentialsId: KEY}\nlanes:\n"
            + "  - {name: reasoning, models: [openai/gpt-5]}\n  - {name: execution, models: [openai/gpt-5-mini]}\n"
            + "  - {name: review, models: [openai/gpt-5]}\n";

    @TempDir
    Path dir;

    private AiLanesConfig config(String extra) throws Exception {
        Path file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, LANES + extra);
        AiLanesConfig config = ConfigLoader.read(file);
        ValidatedConfig.validate(config, file, id -> java.util.Optional.of("sk-test-0123456789"));
        return config;
    }

    private List<String> problems(String extra) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, LANES + extra);
        try {
            ValidatedConfig.validate(ConfigLoader.read(file), file, id -> java.util.Optional.of("sk-test-0123456789"));
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void theDefaultClassIsHighAndRequiresAReviewThatFailsOnHigh() throws Exception {
        RiskPolicy policy = RiskPolicy.of(config(""), null, null);

        assertThat(policy.riskClass()).isEqualTo(RiskClass.HIGH);
        RiskPolicy.ReviewChoice review = policy.review("review", FailOn.NEVER, false, List.of("src/A.java"));
        assertThat(review.run()).isTrue();
        assertThat(review.failOn()).isEqualTo(FailOn.HIGH);
        assertThat(review.lane()).isEqualTo("review");
        assertThat(review.decisions()).extracting(RiskDecision::kind)
                .containsExactly(PolicyEvent.RISK_CLASS, PolicyEvent.RISK_REVIEW, PolicyEvent.RISK_FAIL_ON);
        assertThat(review.decisions().get(0).message())
                .isEqualTo("risk class high: set by the configuration's default (riskClass)");
        assertThat(review.decisions().get(2).message())
                .isEqualTo("failOn raised from never to high: class high fails a review on high findings or worse");
    }

    @Test
    void lowAddsNothing() throws Exception {
        RiskPolicy policy = RiskPolicy.of(config("riskClass: low\n"), null, null);

        RiskPolicy.ReviewChoice review = policy.review("review", FailOn.NEVER, false, List.of("src/auth/A.java"));
        assertThat(review.run()).isFalse();
        assertThat(review.failOn()).isEqualTo(FailOn.NEVER);
        assertThat(review.decisions()).extracting(RiskDecision::kind).containsExactly(PolicyEvent.RISK_CLASS);
        assertThat(policy.plan("execution", List.of()).lane()).isEqualTo("execution");
        assertThat(policy.holdsForApproval(List.of("src/auth/A.java"))).isFalse();
    }

    @Test
    void criticalPlansAndReviewsOnThePremiumLaneAndHoldsSensitiveChanges() throws Exception {
        RiskPolicy policy = RiskPolicy.of(config(""), RiskClass.CRITICAL, "the job's AI Lanes risk class");

        RiskPolicy.LaneChoice plan = policy.plan("execution", List.of());
        assertThat(plan.lane()).isEqualTo("reasoning");
        assertThat(plan.decisions().get(1).message()).isEqualTo(
                "plan moved to lane reasoning (asked: execution): class critical allows plan only on reasoning");
        RiskPolicy.ReviewChoice review = policy.review("review", FailOn.HIGH, true, List.of("src/A.java"));
        assertThat(review.lane()).isEqualTo("reasoning");
        assertThat(review.failOn()).isEqualTo(FailOn.MEDIUM);
        assertThat(policy.review("review", FailOn.LOW, true, List.of()).failOn())
                .as("a stricter threshold stays").isEqualTo(FailOn.LOW);
        assertThat(policy.holdsForApproval(List.of("src/main/java/app/security/Keys.java"))).isTrue();
        assertThat(policy.holdsForApproval(List.of("src/main/java/app/Pager.java"))).isFalse();
        assertThat(policy.sensitive(List.of("auth/Login.java", "README.md"))).containsExactly("auth/Login.java");
    }

    @Test
    void aSensitivePathMovesPlanAndReviewToThePremiumLaneWhateverTheClassAllows() throws Exception {
        RiskPolicy policy = RiskPolicy.of(config("riskClasses:\n  - name: high\n    sensitivePaths: ['billing/**']\n"
                + "    reviewLanes: [review]\n"), null, null);

        RiskPolicy.ReviewChoice review = policy.review("review", FailOn.HIGH, true, List.of("billing/Tax.java"));
        assertThat(review.lane()).isEqualTo("reasoning");
        assertThat(review.decisions()).extracting(RiskDecision::message).contains("review moved to lane reasoning"
                + " (asked: review): it touches the security-sensitive path(s) billing/Tax.java of class high");
        assertThat(policy.plan("execution", List.of("billing/Tax.java")).lane()).isEqualTo("reasoning");
        assertThat(policy.replan("execution", List.of("billing/Tax.java"))).get().extracting(RiskDecision::what)
                .isEqualTo("plan made again on lane reasoning (was execution)");
        assertThat(policy.replan("reasoning", List.of("billing/Tax.java"))).isEmpty();
        assertThat(policy.holdsForApproval(List.of("billing/Tax.java"))).as("high does not require approval").isFalse();
    }

    @Test
    void aClassThatDoesNotAllowImplementRefusesIt() throws Exception {
        RiskPolicy policy = RiskPolicy.of(config("riskClasses:\n  - {name: critical, allowImplement: false}\n"),
                RiskClass.CRITICAL, "--risk-class");

        assertThatThrownBy(() -> policy.implement("execution", EditPolicy.anyFile(), null))
                .isInstanceOf(RiskRefusedException.class)
                .hasMessage("implement refused: class critical does not allow implement (riskClasses: allowImplement:"
                        + " false)");
    }

    @Test
    void implementGetsTheClassLanesAndProtectedPaths() throws Exception {
        RiskPolicy policy = RiskPolicy.of(config("riskClass: critical\nriskClasses:\n  - name: critical\n"
                + "    implementLanes: [reasoning]\n    protectedPaths: ['db/migrations/**']\n"), null, null);

        RiskPolicy.ImplementChoice choice = policy.implement("execution", EditPolicy.anyFile(), null);

        assertThat(choice.lane()).isEqualTo("reasoning");
        assertThat(choice.policy().protectedGlobs()).contains("db/migrations/**");
        assertThat(choice.policy().neverEditable("db/migrations/V2__x.sql")).isPresent();
        assertThat(choice.decisions()).extracting(RiskDecision::kind).containsExactly(PolicyEvent.RISK_CLASS,
                PolicyEvent.RISK_LANE, PolicyEvent.RISK_PROTECTED, PolicyEvent.RISK_SENSITIVE);
    }

    @Test
    void badRiskSettingsAreReportedWithTheirPaths() throws Exception {
        assertThat(problems("riskClass: medium\nriskClasses:\n"
                + "  - {name: critcal, planLanes: [reasonin]}\n"
                + "  - {name: high, failOn: never, sensitivePaths: [''], approvers: ['a,b']}\n"
                + "  - {name: high}\n"))
                .contains("riskClass: unknown risk class 'medium': use one of low, high, critical",
                        "riskClasses[0].name: unknown risk class 'critcal': use one of low, high, critical;"
                                + " did you mean 'critical'?",
                        "riskClasses[0].planLanes[0]: unknown lane 'reasonin'; did you mean 'reasoning'?; the configured"
                                + " lanes are reasoning, execution, review",
                        "riskClasses[1].failOn: 'never' is no floor; use high, medium or low, or leave it out",
                        "riskClasses[1].sensitivePaths[0]: empty entry",
                        "riskClasses[1].approvers[0]: 'a,b' holds a comma; give one user id or group name per entry",
                        "riskClasses[2].name: class 'high' is configured twice; keep one entry");
        assertThat(problems("riskClasses:\n  - {name: low, failOn: sometimes}\n"))
                .contains("riskClasses[0].failOn: failOn must be high, medium, low or never, not 'sometimes'");
        // Read as the review step reads it (FailOn.of): case and blanks do not matter, to the floor nor to never.
        assertThat(problems("riskClasses:\n  - {name: low, failOn: ' Medium '}\n")).noneMatch(p -> p.contains("failOn"));
        assertThat(problems("riskClasses:\n  - {name: low, failOn: NEVER}\n"))
                .contains("riskClasses[0].failOn: 'never' is no floor; use high, medium or low, or leave it out");
    }

    @Test
    void theChangedPathsOfADiffAreItsFileHeaders() {
        assertThat(RiskPolicy.changedPaths("diff --git a/x b/x\n--- a/src/A.java\n+++ b/src/A.java\n@@ -1 +1 @@\n"
                + "--- /dev/null\n+++ b/src/auth/New.java\r\n")).containsExactly("src/A.java", "src/auth/New.java");
    }

    @Test
    void theLayersClassIsAFloorTheJobsOwnClassCannotGoBelow() throws Exception {
        AiLanesConfig config = config("riskClass: high\n");

        assertThat(RiskPolicy.resolve(config, RiskClass.LOW, "the job", null, "the folders").riskClass())
                .as("a job may be below the default").isEqualTo(RiskClass.LOW);
        RiskPolicy raised = RiskPolicy.resolve(config, RiskClass.LOW, "the job", RiskClass.CRITICAL, "the folders");
        assertThat(raised.riskClass()).isEqualTo(RiskClass.CRITICAL);
        assertThat(raised.plan("reasoning", List.of()).decisions().get(0).message())
                .isEqualTo("risk class critical: set by the folders (the job asked for low, below it)");
        assertThat(RiskPolicy.resolve(config, RiskClass.CRITICAL, "the job", RiskClass.HIGH, "the folders").riskClass())
                .isEqualTo(RiskClass.CRITICAL);
        assertThat(RiskPolicy.resolve(config, null, "the job", RiskClass.LOW, "the folders").riskClass())
                .isEqualTo(RiskClass.LOW);
        assertThat(RiskPolicy.resolve(config, null, "the job", null, "the folders").riskClass()).isEqualTo(RiskClass.HIGH);
    }
}
