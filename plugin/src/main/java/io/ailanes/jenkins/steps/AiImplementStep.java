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
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.riskpolicy.Approvals;
import io.ailanes.engine.riskpolicy.HeldChange;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.engine.riskpolicy.RiskRefusedException;
import io.ailanes.engine.steps.ImplementSummary;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.action.ImplementRow;
import io.ailanes.jenkins.action.StepRow;
import io.ailanes.jenkins.agent.AgentFiles;
import io.ailanes.jenkins.agent.AgentWorkspace;
import io.ailanes.jenkins.agent.LauncherGates;
import io.ailanes.jenkins.config.Fields;
import io.ailanes.jenkins.run.AiStepScope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code aiImplement}: the execution lane turns the plan into edits; the edit policy decides (on the agent) whether
 * they land, all or nothing; the gates decide (on the agent) whether they pass; failing gate output goes back for fix
 * rounds, then, if allowed, to the escalation lane. Nothing is committed, pushed or merged.
 */
public final class AiImplementStep extends AiOutputStep<AiImplementStep.Implemented> {

    private static final Defaults DEFAULTS = new Defaults("implement", Lane.EXECUTION,
            Implementer.Request.DEFAULT_MAX_OUTPUT_TOKENS);

    private String plan = "ai-lanes/plan.json";
    private List<GateSpec> gates = new ArrayList<>();
    private boolean usePlanGates;
    private List<String> allowedGateCommands = new ArrayList<>();
    private int maxRounds = Implementer.Request.DEFAULT_MAX_ROUNDS;
    private boolean escalate;
    private List<String> allowPaths = new ArrayList<>();
    private boolean allowOtherFiles;
    private String onFailure = Implementer.OnFailure.KEEP.id();
    private String format = EditFormat.SEARCH_REPLACE.id();
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
        return Fields.text(allowedGateCommands);
    }

    @DataBoundSetter
    public void setAllowedGateCommands(List<String> allowedGateCommands) {
        this.allowedGateCommands = Fields.entries(allowedGateCommands, false);
    }

    public int getMaxRounds() {
        return maxRounds;
    }

    /** 0 (an empty form field) means the default. */
    @DataBoundSetter
    public void setMaxRounds(int maxRounds) {
        this.maxRounds = maxRounds == 0 ? Implementer.Request.DEFAULT_MAX_ROUNDS : maxRounds;
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
        return Fields.text(allowPaths);
    }

    @DataBoundSetter
    public void setAllowPaths(List<String> allowPaths) {
        this.allowPaths = Fields.entries(allowPaths, false);
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
        this.onFailure = Util.fixEmptyAndTrim(onFailure) == null ? Implementer.OnFailure.KEEP.id() : onFailure.strip();
    }

    public String getFormat() {
        return format;
    }

    @DataBoundSetter
    public void setFormat(String format) {
        this.format = Util.fixEmptyAndTrim(format) == null ? EditFormat.SEARCH_REPLACE.id() : format.strip();
    }

    public boolean isFailOnGateFailure() {
        return failOnGateFailure;
    }

    @DataBoundSetter
    public void setFailOnGateFailure(boolean failOnGateFailure) {
        this.failOnGateFailure = failOnGateFailure;
    }

    @Override
    protected Defaults defaults() {
        return DEFAULTS;
    }

    /** The format, what to do on failure and every gate are known before anything runs. */
    @Override
    protected void check() throws AbortException {
        EditFormat.of(format, "format");
        Implementer.OnFailure.of(onFailure, "onFailure");
        gates();
        super.check();
    }

    private List<Gate> gates() {
        List<Gate> list = new ArrayList<>();
        for (GateSpec gate : gates) {
            list.add(gate.toGate());
        }
        return list;
    }

    /**
     * What the work gives back: the engine's result, the change held for approval (or null) and the risk policy
     * the step ran under, for the step's value ({@code riskClass}, {@code reviewRequired}, {@code approval}).
     */
    record Implemented(Implementer.Result result, HeldChange held, RiskPolicy risk) {}

    @Override
    protected Implemented perform(AiStepScope scope, Cancellation cancellation) throws Exception {
        FilePath workspace = scope.workspace();
        String planText = AgentFiles.readPlan(workspace, plan, Planner.MAX_PLAN_BYTES, "aiImplement");
        Plan parsed = Planner.parse(planText, plan);
        String sha = Sha256.hex(planText.getBytes(StandardCharsets.UTF_8));
        // The plan's files are model output (unusable ones are left out and audited); allowPaths come from the
        // Jenkinsfile and are checked strictly.
        EditPolicy policy = scope.config().policy().apply(EditPolicy.forPlan(parsed.paths())
                .allowing(allowPaths).withAllowOtherFiles(allowOtherFiles));
        boolean escalating = escalate && scope.config().policy().escalationAllowed();
        if (escalate && !escalating) {
            scope.listener().getLogger().println("[ai-lanes] implement: escalation is turned off in the global policy;"
                    + " staying in the " + getLane() + " lane");
        }
        Implementer.Request request = Implementer.Request.of(parsed, sha, gates())
                .withRounds(maxRounds, escalating)
                .withPlanGates(usePlanGates, new GatePolicy(allowedGateCommands))
                .withPolicy(policy)
                .withOnFailure(Implementer.OnFailure.of(onFailure, "onFailure"))
                .withFormat(EditFormat.of(format, "format"))
                .withLane(getLane())
                .withOutputTokens(getMaxOutputTokens());
        RiskPolicy risk = scope.risk();
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
        Implementer.Result result = new Implementer(scope.run(), scope.redactor(), recording, gateRunner)
                .implement(request, scope.stepDir(), CallListener.NONE, cancellation);
        HeldChange held = Approvals.hold(scope.run(), risk, recording, result, scope.stepDir()).orElse(null);
        return new Implemented(result, held, risk);
    }

    @Override
    protected void record(AiStepScope scope, Implemented implemented) {
        Implementer.Result result = implemented.result();
        ImplementSummary summary = ImplementSummary.of(result, implemented.held() != null);
        ImplementRow verdict = new ImplementRow(summary, result.family(), result.failure());
        StepRow row = new StepRow("implement", scope.number(), result.model(), StepValues.usd(result.costUsd()),
                summary.text());
        scope.action().change(r -> r.withImplement(verdict).withStep(row));
    }

    @Override
    protected Object value(AiStepScope scope, Implemented implemented, CostReport report, StepContext context)
            throws AbortException {
        Implementer.Result result = implemented.result();
        scope.listener().getLogger().println("[ai-lanes] implement: "
                + ImplementSummary.of(result, implemented.held() != null).text());
        if (!result.passed() && failOnGateFailure) {
            throw new AbortException("aiImplement: " + result.failure());
        }
        HeldChange held = implemented.held();
        if (held != null) {
            scope.listener().getLogger().println("[ai-lanes] implement: APPROVAL REQUIRED: " + held.describe()
                    + "; the workspace is as it was before the step (apply after approval: aiApply)");
        }
        RiskPolicy risk = implemented.risk();
        return StepValues.implement(result, scope.out(), risk.riskClass().id(), risk.bundle().reviewRequired(),
                held);
    }

    @Extension
    @Symbol("aiImplement")
    public static final class DescriptorImpl extends AiStepDescriptor {

        public DescriptorImpl() {
            super("aiImplement", "AI Lanes: implement a plan until the gates pass (execution lane)", Set.of());
        }

        @POST
        public ListBoxModel doFillOnFailureItems() {
            return Fields.items(Implementer.OnFailure.class);
        }

        @POST
        public ListBoxModel doFillFormatItems() {
            return Fields.items(EditFormat.class);
        }
    }
}
