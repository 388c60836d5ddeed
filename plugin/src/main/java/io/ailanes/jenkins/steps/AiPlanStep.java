package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.plan.PlanContext;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.riskpolicy.RiskBundle;
import io.ailanes.engine.riskpolicy.RiskDecision;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.engine.steps.PlanSummary;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.action.StepRow;
import io.ailanes.jenkins.agent.AgentFiles;
import io.ailanes.jenkins.config.Fields;
import io.ailanes.jenkins.run.AiStepScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code aiPlan}: the reasoning lane reads the task, a map of the repository and the selected files, and writes the
 * plan ({@code plan.json}, schema-checked, and {@code plan.md}) that the implementation and the review are held to.
 * The files are read on the agent; the call is made on the controller.
 */
public final class AiPlanStep extends AiOutputStep<Planner.Result> {

    private static final Defaults DEFAULTS = new Defaults("plan", Lane.REASONING,
            Planner.Request.DEFAULT_MAX_OUTPUT_TOKENS);

    private String task;
    private String taskFile;
    private List<String> context = new ArrayList<>();
    private int maxContextTokens;

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

    public List<String> getContext() {
        return context;
    }

    /** For the snippet generator's textarea. */
    public String getContextText() {
        return Fields.text(context);
    }

    @DataBoundSetter
    public void setContext(List<String> context) {
        this.context = Fields.entries(context, false);
    }

    public int getMaxContextTokens() {
        return maxContextTokens == 0 ? Planner.Request.DEFAULT_MAX_CONTEXT_TOKENS : maxContextTokens;
    }

    /** 0 (an empty form field) means the default. */
    @DataBoundSetter
    public void setMaxContextTokens(int maxContextTokens) {
        this.maxContextTokens = maxContextTokens;
    }

    @Override
    protected Defaults defaults() {
        return DEFAULTS;
    }

    @Override
    protected void check() throws AbortException {
        if ((task == null) == (taskFile == null)) {
            throw new AbortException("aiPlan needs exactly one of task and taskFile");
        }
        super.check();
    }

    @Override
    protected Planner.Result perform(AiStepScope scope, Cancellation cancellation) throws Exception {
        FilePath workspace = scope.workspace();
        String text = task != null ? task : AgentFiles.readText(workspace, taskFile, Planner.MAX_TASK_BYTES);
        PlanContext files = AgentFiles.planContext(workspace, context, text, getMaxContextTokens());
        RiskPolicy risk = scope.risk();
        RiskPolicy.LaneChoice choice = risk.plan(getLane(), files.paths());
        risk.record(scope.run(), choice.lane(), choice.decisions());
        Planner.Result result = new Planner(scope.run(), scope.redactor()).plan(new Planner.Request(text, null, context,
                getMaxContextTokens(), choice.lane(), getMaxOutputTokens()), files, scope.stepDir(), CallListener.NONE,
                cancellation);
        // A plan that touches a risky path is made again on the premium lane (the risk class's bundle).
        Optional<RiskDecision> again = risk.replan(choice.lane(), result.plan().paths());
        if (again.isPresent()) {
            risk.record(scope.run(), RiskBundle.PREMIUM_LANE, List.of(again.get()));
            result = new Planner(scope.run(), scope.redactor()).plan(new Planner.Request(text, null, context,
                    getMaxContextTokens(), RiskBundle.PREMIUM_LANE, getMaxOutputTokens()), files, scope.stepDir(),
                    CallListener.NONE, cancellation);
        }
        return result;
    }

    @Override
    protected void record(AiStepScope scope, Planner.Result result) {
        StepRow row = new StepRow("plan", scope.number(),
                result.calls().get(result.calls().size() - 1).model().toString(),
                StepValues.usd(StepValues.cost(result.calls())), PlanSummary.of(result).text());
        scope.action().change(r -> r.withPlanSummary(result.plan().summary()).withStep(row));
    }

    @Override
    protected Object value(AiStepScope scope, Planner.Result result, CostReport report, StepContext stepContext) {
        scope.listener().getLogger().println("[ai-lanes] plan: " + PlanSummary.of(result).text() + "; "
                + StepValues.path(scope.out(), "plan.json"));
        return StepValues.plan(result, scope.out());
    }

    @Extension
    @Symbol("aiPlan")
    public static final class DescriptorImpl extends AiStepDescriptor {

        public DescriptorImpl() {
            super("aiPlan", "AI Lanes: plan a change (reasoning lane)", Set.of("task"));
        }
    }
}
