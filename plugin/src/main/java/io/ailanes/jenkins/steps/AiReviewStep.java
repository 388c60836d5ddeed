package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Result;
import hudson.util.ListBoxModel;
import io.ailanes.engine.audit.Sha256;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.review.Reviewer;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.engine.steps.ReviewSummary;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.action.ImplementRow;
import io.ailanes.jenkins.action.ReviewRow;
import io.ailanes.jenkins.action.StepRow;
import io.ailanes.jenkins.agent.AgentFiles;
import io.ailanes.jenkins.agent.LauncherGates;
import io.ailanes.jenkins.config.Fields;
import io.ailanes.jenkins.run.AiStepScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code aiReview}: a model of another family than the implementer's reads the plan, its acceptance criteria and the
 * diff, and returns findings; written as review.sarif and review.xml. Findings at or above {@code failOn} set the
 * build result (FAILURE, or UNSTABLE with {@code unstable: true}); the step itself returns normally.
 */
public final class AiReviewStep extends AiOutputStep<Reviewer.Result> {

    private static final Defaults DEFAULTS = new Defaults("review", Lane.REVIEW,
            Reviewer.Request.DEFAULT_MAX_OUTPUT_TOKENS);

    private String plan = "ai-lanes/plan.json";
    private String base;
    private String diff;
    private String failOn = FailOn.HIGH.id();
    private boolean unstable;

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
        this.failOn = Util.fixEmptyAndTrim(failOn) == null ? FailOn.HIGH.id() : failOn.strip();
    }

    public boolean isUnstable() {
        return unstable;
    }

    @DataBoundSetter
    public void setUnstable(boolean unstable) {
        this.unstable = unstable;
    }

    @Override
    protected Defaults defaults() {
        return DEFAULTS;
    }

    @Override
    protected void check() throws AbortException {
        FailOn.of(failOn);
        if (base != null && diff != null) {
            throw new AbortException("aiReview takes base or diff, not both");
        }
        super.check();
    }

    @Override
    protected Reviewer.Result perform(AiStepScope scope, Cancellation cancellation) throws Exception {
        FilePath workspace = scope.workspace();
        String planText = AgentFiles.readPlan(workspace, plan, Planner.MAX_PLAN_BYTES, "aiReview");
        Plan parsed = Planner.parse(planText, plan);
        String sha = Sha256.hex(planText.getBytes(StandardCharsets.UTF_8));
        String change = change(scope, workspace);
        ImplementRow implemented = scope.action().getImplement();
        // The risk class may move the review to another lane and lower its threshold.
        RiskPolicy risk = scope.risk();
        RiskPolicy.ReviewChoice choice = risk.review(getLane(), FailOn.of(failOn), true,
                RiskPolicy.changedPaths(change));
        risk.record(scope.run(), choice.lane(), choice.decisions());
        return new Reviewer(scope.run(), scope.redactor()).review(new Reviewer.Request(parsed, sha, change,
                choice.lane(), implemented == null ? null : implemented.getFamily(), choice.failOn(),
                getMaxOutputTokens()), scope.stepDir(), CallListener.NONE, cancellation);
    }

    /** The diff to review: {@code diff}, else {@code git diff base}, else the last aiImplement's patch. */
    private String change(AiStepScope scope, FilePath workspace) throws IOException, InterruptedException {
        if (diff != null) {
            return AgentFiles.readText(workspace, diff, Reviewer.MAX_DIFF_BYTES);
        }
        if (base != null) {
            return LauncherGates.gitDiff(scope.launcher(), workspace, scope.environment(), scope.run().secretValues(),
                    base, Reviewer.MAX_DIFF_BYTES);
        }
        String patch = scope.out() + "/changes.patch";
        if (!workspace.child(patch).exists()) {
            throw new AbortException("aiReview has no change to review: give base (a git ref) or diff (a file), or"
                    + " run aiImplement first (it writes " + patch + ")");
        }
        return AgentFiles.readText(workspace, patch, Reviewer.MAX_DIFF_BYTES);
    }

    @Override
    protected void record(AiStepScope scope, Reviewer.Result result) {
        ReviewSummary summary = ReviewSummary.of(result);
        ReviewRow row = new ReviewRow(summary, result.review().summary());
        StepRow step = new StepRow("review", scope.number(), result.model(),
                StepValues.usd(StepValues.cost(result.calls())), summary.text());
        scope.action().change(r -> r.withReview(row).withStep(step));
    }

    @Override
    protected Object value(AiStepScope scope, Reviewer.Result result, CostReport report, StepContext context)
            throws IOException, InterruptedException {
        scope.listener().getLogger().println("[ai-lanes] review: " + ReviewSummary.of(result).text());
        if (result.failed()) {
            Result buildResult = unstable ? Result.UNSTABLE : Result.FAILURE;
            context.setResult(buildResult);
            scope.listener().getLogger().println("[ai-lanes] review: findings at or above failOn '" + failOn
                    + "': build result set to " + buildResult);
        }
        return StepValues.review(result, scope.out());
    }

    @Extension
    @Symbol("aiReview")
    public static final class DescriptorImpl extends AiStepDescriptor {

        public DescriptorImpl() {
            super("aiReview", "AI Lanes: review a change against its plan (review lane)", Set.of());
        }

        @POST
        public ListBoxModel doFillFailOnItems() {
            return Fields.items(FailOn.class);
        }
    }
}
