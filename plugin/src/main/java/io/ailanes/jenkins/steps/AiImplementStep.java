package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.util.ListBoxModel;
import io.ailanes.engine.audit.Sha256;
import io.ailanes.engine.edit.EditFormat;
import io.ailanes.engine.edit.EditPolicy;
import io.ailanes.engine.gate.Gate;
import io.ailanes.engine.gate.GatePolicy;
import io.ailanes.engine.edit.RecordingWorkspace;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.riskpolicy.Approvals;
import io.ailanes.engine.riskpolicy.HeldChange;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.engine.riskpolicy.RiskRefusedException;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.agent.AgentFiles;
import io.ailanes.jenkins.agent.AgentWorkspace;
import io.ailanes.jenkins.agent.LauncherGates;
import io.ailanes.jenkins.run.AiStepScope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * {@code aiImplement}: the execution lane turns the plan into edits; the edit policy decides (on the agent) whether
 * they land, all or nothing; the gates decide (on the agent) whether they pass; failing gate output goes back for fix
 * rounds, then, if allowed, to the escalation lane. Nothing is committed, pushed or merged.
 */
public final class AiImplementStep extends Step {

    static final int MAX_PLAN_BYTES = 1024 * 1024;

    private String plan = "ai-lanes/plan.json";
    private List<GateSpec> gates = new ArrayList<>();
    private boolean usePlanGates;
    private List<String> allowedGateCommands = new ArrayList<>();
    private int maxRounds = 2;
    private boolean escalate;
    private List<String> allowPaths = new ArrayList<>();
    private boolean allowOtherFiles;
    private String onFailure = "keep";
    private String lane = Lane.EXECUTION;
    private String format = "search-replace";
    private int maxOutputTokens = 16_000;
    private Double budgetUsd;
    private String out = StepParameters.DEFAULT_OUT;
    private boolean failOnGateFailure = true;

    @DataBoundConstructor
    public AiImplementStep() {}

    public String getPlan() {
        return plan;
    }

    @DataBoundSetter
    public void setPlan(String plan) {
        this.plan = Util.fixEmptyAndTrim(plan) == null ? "ai-lanes/plan.json" : plan.strip();
    }

    public List<GateSpec> getGates() {
        return gates;
    }

    @DataBoundSetter
    public void setGates(List<GateSpec> gates) {
        this.gates = gates == null ? new ArrayList<>() : new ArrayList<>(gates);
    }

    public boolean isUsePlanGates() {
        return usePlanGates;
    }

    @DataBoundSetter
    public void setUsePlanGates(boolean usePlanGates) {
        this.usePlanGates = usePlanGates;
    }

    public List<String> getAllowedGateCommands() {
        return allowedGateCommands;
    }

    /** For the snippet generator's textarea. */
    public String getAllowedGateCommandsText() {
        return StepLists.text(allowedGateCommands);
    }

    @DataBoundSetter
    public void setAllowedGateCommands(List<String> allowedGateCommands) {
        this.allowedGateCommands = StepLists.lines(allowedGateCommands);
    }

    public int getMaxRounds() {
        return maxRounds;
    }

    /** 0 (an empty form field) means the default, 2. */
    @DataBoundSetter
    public void setMaxRounds(int maxRounds) {
        this.maxRounds = maxRounds == 0 ? 2 : maxRounds;
    }

    public boolean isEscalate() {
        return escalate;
    }

    @DataBoundSetter
    public void setEscalate(boolean escalate) {
        this.escalate = escalate;
    }

    public List<String> getAllowPaths() {
        return allowPaths;
    }

    /** For the snippet generator's textarea. */
    public String getAllowPathsText() {
        return StepLists.text(allowPaths);
    }

    @DataBoundSetter
    public void setAllowPaths(List<String> allowPaths) {
        this.allowPaths = StepLists.lines(allowPaths);
    }

    public boolean isAllowOtherFiles() {
        return allowOtherFiles;
    }

    @DataBoundSetter
    public void setAllowOtherFiles(boolean allowOtherFiles) {
        this.allowOtherFiles = allowOtherFiles;
    }

    public String getOnFailure() {
        return onFailure;
    }

    @DataBoundSetter
    public void setOnFailure(String onFailure) {
        this.onFailure = Util.fixEmptyAndTrim(onFailure) == null ? "keep" : onFailure.strip();
    }

    public String getLane() {
        return lane;
    }

    @DataBoundSetter
    public void setLane(String lane) {
        this.lane = Util.fixEmptyAndTrim(lane) == null ? Lane.EXECUTION : lane.strip();
    }

    public String getFormat() {
        return format;
    }

    @DataBoundSetter
    public void setFormat(String format) {
        this.format = Util.fixEmptyAndTrim(format) == null ? "search-replace" : format.strip();
    }

    public int getMaxOutputTokens() {
        return maxOutputTokens;
    }

    /** 0 (an empty form field) means the default, 16_000. */
    @DataBoundSetter
    public void setMaxOutputTokens(int maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens == 0 ? 16_000 : maxOutputTokens;
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

    public boolean isFailOnGateFailure() {
        return failOnGateFailure;
    }

    @DataBoundSetter
    public void setFailOnGateFailure(boolean failOnGateFailure) {
        this.failOnGateFailure = failOnGateFailure;
    }

    static EditFormat editFormat(String format) throws AbortException {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "search-replace" -> EditFormat.SEARCH_REPLACE;
            case "unified-diff" -> EditFormat.UNIFIED_DIFF;
            case "whole-file" -> EditFormat.WHOLE_FILE;
            default -> throw new AbortException("format must be search-replace, unified-diff or whole-file, not '"
                    + format + "'");
        };
    }

    static Implementer.OnFailure onFailure(String onFailure) throws AbortException {
        return switch (onFailure.toLowerCase(Locale.ROOT)) {
            case "keep" -> Implementer.OnFailure.KEEP;
            case "revert" -> Implementer.OnFailure.REVERT;
            default -> throw new AbortException("onFailure must be keep or revert, not '" + onFailure + "'");
        };
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("aiImplement")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "aiImplement";
        }

        @Override
        public String getDisplayName() {
            return "AI Lanes: implement a plan until the gates pass (execution lane)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepParameters.WORKSPACE_CONTEXT;
        }

        @POST
        public ListBoxModel doFillOnFailureItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("keep the last change for inspection", "keep");
            items.add("revert every file", "revert");
            return items;
        }

        @POST
        public ListBoxModel doFillFormatItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("search/replace blocks", "search-replace");
            items.add("unified diff", "unified-diff");
            items.add("whole files", "whole-file");
            return items;
        }
    }

    static final class Execution extends AiStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient AiImplementStep step;

        Execution(AiImplementStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> work(Cancellation cancellation) throws Exception {
            EditFormat format = editFormat(step.format);
            Implementer.OnFailure onFailure = onFailure(step.onFailure);
            List<Gate> gates = new ArrayList<>();
            for (GateSpec gate : step.gates) {
                gates.add(gate.toGate());
            }
            try (AiStepScope scope = AiStepScope.open(getContext(), "implement", step.out, step.budgetUsd)) {
                Implementer.Result result;
                HeldChange held;
                RiskPolicy risk = scope.risk();
                try {
                    FilePath workspace = scope.workspace();
                    String planText = AgentFiles.readPlan(workspace, step.plan, MAX_PLAN_BYTES, "aiImplement");
                    Plan plan = Planner.parse(planText, step.plan);
                    String sha = Sha256.hex(planText.getBytes(StandardCharsets.UTF_8));
                    // The plan's files are model output (unusable ones are left out and audited); allowPaths
                    // come from the Jenkinsfile and are checked strictly.
                    EditPolicy policy = scope.config().policy().apply(EditPolicy.forPlan(plan.paths())
                            .allowing(step.allowPaths).withAllowOtherFiles(step.allowOtherFiles));
                    boolean escalate = step.escalate && scope.config().policy().escalationAllowed();
                    if (step.escalate && !escalate) {
                        scope.listener().getLogger().println(
                                "[ai-lanes] implement: escalation is turned off in the global policy; staying in the "
                                        + step.lane + " lane");
                    }
                    Implementer.Request request = Implementer.Request.of(plan, sha, gates)
                            .withRounds(step.maxRounds, escalate)
                            .withPlanGates(step.usePlanGates, new GatePolicy(step.allowedGateCommands))
                            .withPolicy(policy)
                            .withOnFailure(onFailure)
                            .withFormat(format)
                            .withLane(step.lane)
                            .withOutputTokens(step.maxOutputTokens, Math.min(2_000, step.maxOutputTokens));
                    RiskPolicy.ImplementChoice choice;
                    try {
                        choice = risk.implement(request.lane(), request.policy(), scope.run());
                    } catch (RiskRefusedException e) {
                        throw new AbortException("aiImplement: " + e.getMessage());
                    }
                    risk.record(scope.run(), choice.lane(), choice.decisions());
                    request = request.withLane(choice.lane()).withPolicy(choice.policy());
                    LauncherGates gateRunner = new LauncherGates(scope.launcher(), workspace, scope.environment(),
                            scope.config().policy().gateEnvironment(), scope.run().secretValues(), scope.redactor(),
                            scope.listener(), cancellation);
                    // Remembers each file's bytes before the step: a held change is put back exactly.
                    RecordingWorkspace recording = new RecordingWorkspace(new AgentWorkspace(workspace));
                    result = new Implementer(scope.run(), scope.redactor(), recording, gateRunner)
                            .implement(request, scope.stepDir(), CallListener.NONE, cancellation);
                    held = Approvals.hold(scope.run(), risk, recording, result, scope.stepDir()).orElse(null);
                } catch (Exception e) {
                    failed(scope, e);
                    throw e;
                }
                AiLanesRunAction action = scope.action();
                action.setImplement(new AiLanesRunAction.ImplementRow(result.passed(), result.rounds().size(),
                        result.escalated(), result.model(), result.family(), result.filesChanged().size(),
                        result.failure()));
                action.addStep(new AiLanesRunAction.StepRow("implement", scope.number(), result.model(),
                        StepValues.usd(result.costUsd()), (result.passed() ? "gates passed" : "gates failed") + " after "
                                + AiLanesRunAction.count(result.rounds().size(), "round") + (result.escalated() ? ", escalated" : "")
                                + (result.reverted() ? ", reverted" : "") + (held != null ? ", held for approval" : "")));
                scope.finish(scope.build().getFullDisplayName());
                if (!result.passed() && step.failOnGateFailure) {
                    throw new AbortException("aiImplement: " + result.failure());
                }
                if (held != null) {
                    scope.listener().getLogger().println("[ai-lanes] implement: APPROVAL REQUIRED: " + held.describe()
                            + "; the workspace is as it was before the step (apply after approval: aiApply)");
                }
                return StepValues.implement(result, scope.out(), risk.riskClass().label(),
                        risk.bundle().reviewRequired(), held);
            }
        }
    }
}
