package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Result;
import hudson.util.ListBoxModel;
import io.ailanes.engine.audit.Sha256;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.review.Review;
import io.ailanes.engine.review.Reviewer;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.agent.AgentFiles;
import io.ailanes.jenkins.agent.LauncherGates;
import io.ailanes.jenkins.run.AiStepScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code aiReview}: a model of another family than the implementer's reads the plan, its acceptance criteria and the
 * diff, and returns findings; written as review.sarif and review.xml. Findings at or above {@code failOn} set the
 * build result (FAILURE, or UNSTABLE with {@code unstable: true}); the step itself returns normally.
 */
public final class AiReviewStep extends Step {

    /** Diffs are read up to this; the review itself cuts what it sends much earlier. */
    static final int MAX_DIFF_BYTES = 4 * 1024 * 1024;

    private String plan = "ai-lanes/plan.json";
    private String base;
    private String diff;
    private String failOn = "high";
    private boolean unstable;
    private String lane = Lane.REVIEW;
    private int maxOutputTokens = 8_000;
    private Double budgetUsd;
    private String out = StepParameters.DEFAULT_OUT;

    @DataBoundConstructor
    public AiReviewStep() {}

    public String getPlan() {
        return plan;
    }

    @DataBoundSetter
    public void setPlan(String plan) {
        this.plan = Util.fixEmptyAndTrim(plan) == null ? "ai-lanes/plan.json" : plan.strip();
    }

    public String getBase() {
        return base;
    }

    @DataBoundSetter
    public void setBase(String base) {
        this.base = Util.fixEmptyAndTrim(base);
    }

    public String getDiff() {
        return diff;
    }

    @DataBoundSetter
    public void setDiff(String diff) {
        this.diff = Util.fixEmptyAndTrim(diff);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = Util.fixEmptyAndTrim(failOn) == null ? "high" : failOn.strip();
    }

    public boolean isUnstable() {
        return unstable;
    }

    @DataBoundSetter
    public void setUnstable(boolean unstable) {
        this.unstable = unstable;
    }

    public String getLane() {
        return lane;
    }

    @DataBoundSetter
    public void setLane(String lane) {
        this.lane = Util.fixEmptyAndTrim(lane) == null ? Lane.REVIEW : lane.strip();
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
    @Symbol("aiReview")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "aiReview";
        }

        @Override
        public String getDisplayName() {
            return "AI Lanes: review a change against its plan (review lane)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepParameters.WORKSPACE_CONTEXT;
        }

        @POST
        public ListBoxModel doFillFailOnItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("a high finding", "high");
            items.add("a medium or high finding", "medium");
            items.add("any finding", "low");
            items.add("never", "never");
            return items;
        }
    }

    static final class Execution extends AiStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient AiReviewStep step;

        Execution(AiReviewStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> work(Cancellation cancellation) throws Exception {
            Review.FailOn threshold = Review.FailOn.of(step.failOn);
            if (step.base != null && step.diff != null) {
                throw new AbortException("aiReview takes base or diff, not both");
            }
            try (AiStepScope scope = AiStepScope.open(getContext(), "review", step.out, step.budgetUsd)) {
                Reviewer.Result result;
                try {
                    FilePath workspace = scope.workspace();
                    String planText = AgentFiles.readPlan(workspace, step.plan, AiImplementStep.MAX_PLAN_BYTES, "aiReview");
                    Plan plan = Planner.parse(planText, step.plan);
                    String sha = Sha256.hex(planText.getBytes(StandardCharsets.UTF_8));
                    String change = change(scope, workspace);
                    AiLanesRunAction.ImplementRow implemented = scope.action().getImplement();
                    RiskPolicy risk = scope.risk();
                    RiskPolicy.ReviewChoice choice = risk.review(step.lane, threshold, true,
                            RiskPolicy.changedPaths(change));
                    risk.record(scope.run(), choice.lane(), choice.decisions());
                    result = new Reviewer(scope.run(), scope.redactor()).review(new Reviewer.Request(plan, sha, change,
                            choice.lane(), implemented == null ? null : implemented.getFamily(), choice.failOn(),
                            step.maxOutputTokens, Math.min(1_000, step.maxOutputTokens)), scope.stepDir(),
                            CallListener.NONE, cancellation);
                } catch (Exception e) {
                    failed(scope, e);
                    throw e;
                }
                Review review = result.review();
                Map<String, Object> value = StepValues.review(result, scope.out());
                scope.action().setReview(new AiLanesRunAction.ReviewRow((String) value.get("verdict"), review.summary(),
                        result.model(), (int) review.count("high"), (int) review.count("medium"),
                        (int) review.count("low"), result.failed()));
                scope.action().addStep(new AiLanesRunAction.StepRow("review", scope.number(), result.model(),
                        StepValues.usd(StepValues.cost(result.calls())), value.get("verdict") + ": "
                                + review.count("high") + " high, " + review.count("medium") + " medium, "
                                + review.count("low") + " low"));
                scope.finish(scope.build().getFullDisplayName());
                scope.listener().getLogger().println("[ai-lanes] review: " + scope.action().getReview().getText());
                if (result.failed()) {
                    Result buildResult = step.unstable ? Result.UNSTABLE : Result.FAILURE;
                    getContext().setResult(buildResult);
                    scope.listener().getLogger().println("[ai-lanes] review: findings at or above failOn '"
                            + step.failOn + "': build result set to " + buildResult);
                }
                return value;
            }
        }

        /** The diff to review: {@code diff}, else {@code git diff base}, else the last aiImplement's patch. */
        private String change(AiStepScope scope, FilePath workspace) throws IOException, InterruptedException {
            if (step.diff != null) {
                return AgentFiles.readText(workspace, step.diff, MAX_DIFF_BYTES);
            }
            if (step.base != null) {
                return LauncherGates.gitDiff(scope.launcher(), workspace, scope.environment(),
                        scope.run().secretValues(), step.base, MAX_DIFF_BYTES);
            }
            String patch = scope.out() + "/changes.patch";
            if (!workspace.child(patch).exists()) {
                throw new AbortException("aiReview has no change to review: give base (a git ref) or diff (a file), or"
                        + " run aiImplement first (it writes " + patch + ")");
            }
            return AgentFiles.readText(workspace, patch, MAX_DIFF_BYTES);
        }
    }
}
