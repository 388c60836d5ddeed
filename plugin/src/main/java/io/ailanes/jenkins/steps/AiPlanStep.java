package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.plan.PlanContext;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.riskpolicy.RiskBundle;
import io.ailanes.engine.riskpolicy.RiskDecision;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import java.util.Optional;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.agent.AgentFiles;
import io.ailanes.jenkins.run.AiStepScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code aiPlan}: the reasoning lane reads the task, a map of the repository and the selected files, and writes the
 * plan ({@code plan.json}, schema-checked, and {@code plan.md}) that the implementation and the review are held to.
 * The files are read on the agent; the call is made on the controller.
 */
public final class AiPlanStep extends Step {

    /** Task files are instructions, not data dumps. */
    static final int MAX_TASK_BYTES = 256 * 1024;

    private String task;
    private String taskFile;
    private String lane = Lane.REASONING;
    private List<String> context = new ArrayList<>();
    private int maxContextTokens = 60_000;
    private int maxOutputTokens = 8_000;
    private Double budgetUsd;
    private String out = StepParameters.DEFAULT_OUT;

    /** {@code task} or {@code taskFile} is required, exactly one of the two; both are set by name. */
    @DataBoundConstructor
    public AiPlanStep() {}

    public String getTask() {
        return task;
    }

    @DataBoundSetter
    public void setTask(String task) {
        this.task = Util.fixEmptyAndTrim(task);
    }

    public String getTaskFile() {
        return taskFile;
    }

    @DataBoundSetter
    public void setTaskFile(String taskFile) {
        this.taskFile = Util.fixEmptyAndTrim(taskFile);
    }

    public String getLane() {
        return lane;
    }

    @DataBoundSetter
    public void setLane(String lane) {
        this.lane = Util.fixEmptyAndTrim(lane) == null ? Lane.REASONING : lane.strip();
    }

    public List<String> getContext() {
        return context;
    }

    /** For the snippet generator's textarea. */
    public String getContextText() {
        return StepLists.text(context);
    }

    @DataBoundSetter
    public void setContext(List<String> context) {
        this.context = StepLists.lines(context);
    }

    public int getMaxContextTokens() {
        return maxContextTokens;
    }

    /** 0 (an empty form field) means the default, 60_000. */
    @DataBoundSetter
    public void setMaxContextTokens(int maxContextTokens) {
        this.maxContextTokens = maxContextTokens == 0 ? 60_000 : maxContextTokens;
    }

    public int getMaxOutputTokens() {
        return maxOutputTokens;
    }

    /** 0 (an empty form field) means the default, 8_000. */
    @DataBoundSetter
    public void setMaxOutputTokens(int maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens == 0 ? 8_000 : maxOutputTokens;
    }

    public Double getBudgetUsd() {
        return budgetUsd;
    }

    /** 0 (an empty form field) means no step cap. */
    @DataBoundSetter
    public void setBudgetUsd(double budgetUsd) {
        this.budgetUsd = StepParameters.budget(budgetUsd);
    }

    public String getOut() {
        return out;
    }

    @DataBoundSetter
    public void setOut(String out) {
        this.out = StepParameters.out(out);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("aiPlan")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "aiPlan";
        }

        @Override
        public String getDisplayName() {
            return "AI Lanes: plan a change (reasoning lane)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepParameters.WORKSPACE_CONTEXT;
        }
    }

    static final class Execution extends AiStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient AiPlanStep step;

        Execution(AiPlanStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> work(Cancellation cancellation) throws Exception {
            if ((step.task == null) == (step.taskFile == null)) {
                throw new AbortException("aiPlan needs exactly one of task and taskFile");
            }
            try (AiStepScope scope = AiStepScope.open(getContext(), "plan", step.out, step.budgetUsd)) {
                Planner.Result result;
                try {
                    FilePath workspace = scope.workspace();
                    String text = step.task != null ? step.task
                            : AgentFiles.readText(workspace, step.taskFile, MAX_TASK_BYTES);
                    PlanContext files = AgentFiles.planContext(workspace, step.context, text, step.maxContextTokens);
                    RiskPolicy risk = scope.risk();
                    RiskPolicy.LaneChoice choice = risk.plan(step.lane, files.paths());
                    risk.record(scope.run(), choice.lane(), choice.decisions());
                    Planner.Request request = new Planner.Request(text, null, step.context, step.maxContextTokens,
                            choice.lane(), step.maxOutputTokens, Math.min(1_000, step.maxOutputTokens));
                    result = new Planner(scope.run(), scope.redactor()).plan(request, files, scope.stepDir(),
                            CallListener.NONE, cancellation);
                    Optional<RiskDecision> again = risk.replan(choice.lane(), result.plan().paths());
                    if (again.isPresent()) {
                        risk.record(scope.run(), RiskBundle.PREMIUM_LANE, List.of(again.get()));
                        result = new Planner(scope.run(), scope.redactor()).plan(new Planner.Request(text, null,
                                step.context, step.maxContextTokens, RiskBundle.PREMIUM_LANE, step.maxOutputTokens,
                                Math.min(1_000, step.maxOutputTokens)), files, scope.stepDir(), CallListener.NONE,
                                cancellation);
                    }
                } catch (Exception e) {
                    failed(scope, e);
                    throw e;
                }
                scope.action().setPlanSummary(result.plan().summary());
                scope.action().addStep(new AiLanesRunAction.StepRow("plan", scope.number(),
                        result.calls().get(result.calls().size() - 1).model().toString(),
                        StepValues.usd(StepValues.cost(result.calls())), AiLanesRunAction.count(result.plan().files().size(), "file") + ", "
                                + AiLanesRunAction.count(result.plan().steps().size(), "step") + ", sha256 " + result.sha256().substring(0, 12) + "…"));
                scope.finish(scope.build().getFullDisplayName());
                scope.listener().getLogger().println("[ai-lanes] plan: " + scope.out() + "/plan.json, sha256 "
                        + result.sha256());
                return StepValues.plan(result, scope.out());
            }
        }
    }
}
