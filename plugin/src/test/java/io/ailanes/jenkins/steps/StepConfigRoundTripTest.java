package io.ailanes.jenkins.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Each step through its form (the snippet generator's) and back: every parameter set away from its default comes
 * back as it was, and a step with none set comes back with the defaults.
 */
@WithJenkins
class StepConfigRoundTripTest {

    private static <S extends Step> S roundTrip(JenkinsRule r, S step) throws Exception {
        S after = new StepConfigTester(r).configRoundTrip(step);
        r.assertEqualDataBoundBeans(step, after);
        return after;
    }

    @Test
    void aiPlan(JenkinsRule r) throws Exception {
        AiPlanStep step = new AiPlanStep();
        step.setTask("Make value.txt hold 2");
        step.setContext(List.of("src/**", "*.md"));
        step.setMaxContextTokens(30_000);
        step.setLane("deep");
        step.setMaxOutputTokens(4_000);
        step.setBudgetUsd(1.5);
        step.setOut("plans");
        AiPlanStep after = roundTrip(r, step);
        assertEquals(List.of("src/**", "*.md"), after.getContext());

        AiPlanStep fromFile = new AiPlanStep();
        fromFile.setTaskFile("TASK.md");
        AiPlanStep defaults = roundTrip(r, fromFile);
        assertEquals("reasoning", defaults.getLane());
        assertEquals(60_000, defaults.getMaxContextTokens());
        assertEquals(8_000, defaults.getMaxOutputTokens());
        assertNull(defaults.getBudgetUsd());
        assertEquals("ai-lanes", defaults.getOut());
    }

    @Test
    void aiImplement(JenkinsRule r) throws Exception {
        AiImplementStep step = new AiImplementStep();
        step.setPlan("plans/plan.json");
        GateSpec gate = new GateSpec("test", "mvn -q test");
        gate.setTimeoutMinutes(15);
        gate.setJunit("**/surefire-reports/*.xml");
        step.setGates(List.of(gate, new GateSpec("lint", "make lint")));
        step.setUsePlanGates(true);
        step.setAllowedGateCommands(List.of("mvn *", "make *"));
        step.setMaxRounds(3);
        step.setEscalate(true);
        step.setAllowPaths(List.of("docs/**"));
        step.setAllowOtherFiles(true);
        step.setOnFailure("revert");
        step.setLane("fast");
        step.setFormat("unified-diff");
        step.setMaxOutputTokens(12_000);
        step.setBudgetUsd(0.75);
        step.setOut("impl");
        step.setFailOnGateFailure(false);
        roundTrip(r, step);

        AiImplementStep defaults = roundTrip(r, new AiImplementStep());
        assertEquals("execution", defaults.getLane());
        assertEquals(16_000, defaults.getMaxOutputTokens());
        assertEquals(2, defaults.getMaxRounds());
        assertEquals("keep", defaults.getOnFailure());
        assertEquals("search-replace", defaults.getFormat());
        assertEquals(true, defaults.isFailOnGateFailure());
    }

    @Test
    void aiReview(JenkinsRule r) throws Exception {
        AiReviewStep step = new AiReviewStep();
        step.setPlan("plans/plan.json");
        step.setBase("origin/main");
        step.setFailOn("medium");
        step.setUnstable(true);
        step.setLane("second-opinion");
        step.setMaxOutputTokens(6_000);
        step.setBudgetUsd(2);
        step.setOut("rev");
        roundTrip(r, step);

        AiReviewStep diff = new AiReviewStep();
        diff.setDiff("change.diff");
        AiReviewStep defaults = roundTrip(r, diff);
        assertEquals("review", defaults.getLane());
        assertEquals(8_000, defaults.getMaxOutputTokens());
        assertEquals("high", defaults.getFailOn());
    }

    @Test
    void aiCall(JenkinsRule r) throws Exception {
        AiCallStep step = new AiCallStep("Summarise the failing test");
        step.setSystem("Answer in one sentence.");
        step.setLane("chat");
        step.setMaxOutputTokens(500);
        step.setBudgetUsd(0.05);
        roundTrip(r, step);

        AiCallStep defaults = roundTrip(r, new AiCallStep("hi"));
        assertEquals("execution", defaults.getLane());
        assertEquals(2_000, defaults.getMaxOutputTokens());
    }

    @Test
    void aiReportAndWithAiBudget(JenkinsRule r) throws Exception {
        AiReportStep report = new AiReportStep();
        report.setOut("reports");
        roundTrip(r, report);
        assertEquals("ai-lanes", roundTrip(r, new AiReportStep()).getOut());
        roundTrip(r, new WithAiBudgetStep(2.5));
    }

    @Test
    void aiApply(JenkinsRule r) throws Exception {
        AiApplyStep step = new AiApplyStep("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", "alice");
        step.setOut("impl");
        AiApplyStep after = roundTrip(r, step);
        assertEquals("alice", after.getApprovedBy());
        assertEquals("impl", after.getOut());
        assertEquals("ai-lanes", roundTrip(r, new AiApplyStep("abc", "bob")).getOut());
    }
}
