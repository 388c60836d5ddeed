package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.model.Result;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.steps.AiImplementStep;
import io.ailanes.jenkins.steps.AiPlanStep;
import io.ailanes.modelserver.ModelServer;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Step arguments: a wrong call fails when Pipeline creates the step, with the step's own message and before anything
 * is read, sent, spent or recorded; a task or a prompt never shows in the step list or the Pipeline graph.
 */
@WithJenkins
class StepArgumentsTest {

    private ModelServer provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void aWrongCallFailsWhenTheStepIsCreatedWithTheStepsMessage(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        String[][] calls = {
                {"aiPlan task: 'Make it 2', taskFile: 'TASK.md'", "aiPlan needs exactly one of task and taskFile"},
                {"aiPlan out: 'plans'", "aiPlan needs exactly one of task and taskFile"},
                {"aiPlan task: 'Make it 2', budgetUsd: -1", "budgetUsd must be a positive amount of USD, was -1.0"},
                {"aiImplement format: 'patch'", "format must be search-replace, unified-diff or whole-file, not 'patch'"},
                {"aiImplement onFailure: 'undo'", "onFailure must be keep or revert, not 'undo'"},
                {"aiImplement gates: [[name: 'check', command: ' ']]", "gate 'check' needs a command"},
                {"aiReview failOn: 'severe'", "failOn must be high, medium, low or never, not 'severe'"},
                {"aiReview base: 'main', diff: 'change.diff'", "aiReview takes base or diff, not both"},
                {"aiReport out: '../elsewhere'", "out must be a folder inside the workspace, not '../elsewhere'"},
                {"aiCall prompt: ' '", "aiCall needs a prompt"},
                {"aiApply sha256: 'abc', approvedBy: ' '", "aiApply needs sha256 (the held patch's, from aiImplement's"
                        + " approval.sha256) and approvedBy (who approved: input's submitterParameter)"},
                {"aiApply sha256: 'abc', approvedBy: 'alice', out: '/etc'", "out must be a folder inside the workspace"},
        };
        for (String[] call : calls) {
            p.setDefinition(new CpsFlowDefinition("node {\n  echo 'before the step'\n  " + call[0]
                    + "\n  echo 'after the step'\n}", true));
            WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
            r.assertLogContains("ERROR: " + call[1], b);
            r.assertLogContains("before the step", b);
            r.assertLogNotContains("after the step", b);
            r.assertLogNotContains("\tat ", b); // the message alone, no stack trace
            assertNull(b.getAction(AiLanesRunAction.class), call[0] + ": no step was recorded on the build");
            assertFalse(new File(b.getRootDir(), AiLanesRunAction.DIR).exists(), call[0] + ": no audit was opened");
        }
        assertEquals(List.of(), provider.bodies(), "nothing was sent");
    }

    @Test
    void theDescriptorRefusesTheArgumentsWhenItCreatesTheStep(JenkinsRule r) throws Exception {
        AbortException plan = assertThrows(AbortException.class, () -> r.jenkins
                .getDescriptorByType(AiPlanStep.DescriptorImpl.class).newInstance(Map.of("task", "a", "taskFile", "b")));
        assertEquals("aiPlan needs exactly one of task and taskFile", plan.getMessage());
        AbortException implement = assertThrows(AbortException.class, () -> r.jenkins
                .getDescriptorByType(AiImplementStep.DescriptorImpl.class).newInstance(Map.of("format", "patch")));
        assertEquals("format must be search-replace, unified-diff or whole-file, not 'patch'", implement.getMessage());
        AiPlanStep ok = (AiPlanStep) r.jenkins.getDescriptorByType(AiPlanStep.DescriptorImpl.class)
                .newInstance(Map.of("taskFile", "TASK.md"));
        assertEquals("TASK.md", ok.getTaskFile());
    }

    @Test
    void theStepListAndTheGraphShowNoTaskAndNoPrompt(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'value.txt', text: '1\\n'
                  writeFile file: 'TASK.md', text: 'TASK-TEXT-4711 from a file\\n'
                  aiPlan task: 'TASK-TEXT-4711 make value.txt hold 2'
                  aiPlan taskFile: 'TASK.md'
                  aiCall 'PROMPT-TEXT-0815 say hello'
                  aiCall prompt: 'PROMPT-TEXT-0815 again', system: 'SYSTEM-TEXT-42', lane: 'review'
                }
                """, true));
        WorkflowRun b = r.buildAndAssertSuccess(p);

        List<String> shown = new ArrayList<>();
        int aiSteps = 0;
        for (FlowNode node : new DepthFirstScanner().allNodes(b.getExecution())) {
            String arguments = ArgumentsAction.getStepArgumentsAsString(node);
            shown.add(node.getDisplayName() + " | " + node.getDisplayFunctionName() + " | " + arguments);
            if (node.getDisplayFunctionName().startsWith("ai")) {
                aiSteps++;
            }
        }
        assertEquals(4, aiSteps, String.join("\n", shown));
        for (String line : shown) {
            for (String text : List.of("TASK-TEXT", "PROMPT-TEXT", "SYSTEM-TEXT")) {
                assertFalse(line.contains(text), "the graph shows '" + text + "': " + line);
            }
        }
        // A lone path still shows, as Pipeline shows any lone argument: the check above could fail.
        assertTrue(shown.stream().anyMatch(line -> line.contains("aiPlan | TASK.md")), String.join("\n", shown));
    }
}
