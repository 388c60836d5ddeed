package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.riskpolicy.Approvals;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.jenkins.action.StepRow;
import io.ailanes.jenkins.agent.AgentWorkspace;
import io.ailanes.jenkins.run.AiStepScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code aiApply}: applies a change {@code aiImplement} held for approval, after a person approved it (the
 * {@code aiImplementApproved} shared step asks with {@code input}). The patch and its exact bytes are read from the
 * build's own copy on the controller, not the workspace; the patch must be the one the build's audit holds
 * ({@code sha256}), and the workspace must still hold the files the change was made on. Audited {@code APPROVED} with
 * who approved. It calls no model, so it is an {@link AiStep} without a lane; it takes {@code out} to find the held
 * change.
 */
public final class AiApplyStep extends AiStep<Approvals.Applied> {

    private final String sha256;
    private final String approvedBy;

    @DataBoundConstructor
    public AiApplyStep(String sha256, String approvedBy) {
        this.sha256 = Util.fixEmptyAndTrim(sha256);
        this.approvedBy = Util.fixEmptyAndTrim(approvedBy);
    }

    public String getSha256() {
        return sha256;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    @DataBoundSetter
    public void setOut(String out) {
        out(out);
    }

    @Override
    protected String kind() {
        return "apply";
    }

    @Override
    protected void check() throws AbortException {
        if (sha256 == null || approvedBy == null) {
            throw new AbortException("aiApply needs sha256 (the held patch's, from aiImplement's approval.sha256)"
                    + " and approvedBy (who approved: input's submitterParameter)");
        }
        super.check();
    }

    @Override
    protected Approvals.Applied perform(AiStepScope scope, Cancellation cancellation) throws Exception {
        Path patch = scope.stepDir().resolve("changes.patch");
        Path audit = scope.stepDir().getParent().getParent().resolve("audit.jsonl");
        if (!Files.isRegularFile(patch)) {
            throw new AbortException("aiApply: no held change in this build for out '" + scope.out() + "'");
        }
        Approvals.Pending pending = Approvals.pending(audit);
        if (!pending.patchSha256().equals(sha256)) {
            throw new AbortException("aiApply: sha256 " + sha256 + " is not the held change's ("
                    + pending.patchSha256() + "); nothing applied");
        }
        RiskPolicy risk = scope.risk();
        try {
            return Approvals.apply(new AgentWorkspace(scope.workspace()), patch, pending.patchSha256(), approvedBy,
                    (kind, message, attributes) -> {
                        Map<String, String> all = new LinkedHashMap<>(attributes);
                        all.put(RiskPolicy.ATTRIBUTE, pending.riskClass() != null ? pending.riskClass()
                                : risk.riskClass().id());
                        scope.run().recordAllowedEvent("implement", pending.lane(), kind, message, all);
                    });
        } catch (Approvals.RefusedException e) {
            throw new AbortException("aiApply: " + e.getMessage());
        }
    }

    @Override
    protected void record(AiStepScope scope, Approvals.Applied applied) {
        scope.action().addStep(new StepRow("apply", scope.number(), null, null,
                PolicyEvent.APPROVED.toLowerCase(Locale.ROOT) + " by " + applied.approvedBy() + ": "
                        + applied.files().size() + " file(s) applied"));
    }

    @Override
    protected Object value(AiStepScope scope, Approvals.Applied applied, CostReport report, StepContext context) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("applied", true);
        value.put("approvedBy", applied.approvedBy());
        value.put("sha256", applied.patchSha256());
        value.put("files", new ArrayList<>(applied.files()));
        return value;
    }

    @Extension
    @Symbol("aiApply")
    public static final class DescriptorImpl extends AiStepDescriptor {

        public DescriptorImpl() {
            super("aiApply", "AI Lanes: apply a change held for approval, once approved", Set.of());
        }
    }
}
