package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.riskpolicy.Approvals;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.agent.AgentWorkspace;
import io.ailanes.jenkins.run.AiStepScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code aiApply}: applies a change {@code aiImplement} held for approval, after a person approved it (the
 * {@code aiImplementApproved} shared step asks with {@code input}). The patch and its exact bytes are read from the
 * build's own copy on the controller, not the workspace; the patch must be the one the build's audit holds
 * ({@code sha256}), and the workspace must still hold the files the change was made on. Audited {@code APPROVED} with
 * who approved.
 */
public final class AiApplyStep extends Step {

    private final String sha256;
    private final String approvedBy;
    private String out = StepParameters.DEFAULT_OUT;

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
    @Symbol("aiApply")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "aiApply";
        }

        @Override
        public String getDisplayName() {
            return "AI Lanes: apply a change held for approval, once approved";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepParameters.WORKSPACE_CONTEXT;
        }
    }

    static final class Execution extends AiStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient AiApplyStep step;

        Execution(AiApplyStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> work(Cancellation cancellation) throws Exception {
            if (step.sha256 == null || step.approvedBy == null) {
                throw new AbortException("aiApply needs sha256 (the held patch's, from aiImplement's approval.sha256)"
                        + " and approvedBy (who approved: input's submitterParameter)");
            }
            try (AiStepScope scope = AiStepScope.open(getContext(), "apply", step.out, null)) {
                Approvals.Applied applied;
                try {
                    Path patch = scope.stepDir().resolve("changes.patch");
                    Path audit = scope.stepDir().getParent().getParent().resolve("audit.jsonl");
                    if (!Files.isRegularFile(patch)) {
                        throw new AbortException("aiApply: no held change in this build for out '" + scope.out() + "'");
                    }
                    Approvals.Pending pending = Approvals.pending(audit);
                    if (!pending.patchSha256().equals(step.sha256)) {
                        throw new AbortException("aiApply: sha256 " + step.sha256 + " is not the held change's ("
                                + pending.patchSha256() + "); nothing applied");
                    }
                    RiskPolicy risk = scope.risk();
                    applied = Approvals.apply(new AgentWorkspace(scope.workspace()), patch, pending.patchSha256(),
                            step.approvedBy, (kind, message, attributes) -> {
                                Map<String, String> all = new LinkedHashMap<>(attributes);
                                all.put(RiskPolicy.ATTRIBUTE, pending.riskClass() != null ? pending.riskClass()
                                        : risk.riskClass().label());
                                scope.run().recordAllowedEvent("implement", pending.lane(), kind, message, all);
                            });
                } catch (Approvals.RefusedException e) {
                    failed(scope, e);
                    throw new AbortException("aiApply: " + e.getMessage());
                } catch (Exception e) {
                    failed(scope, e);
                    throw e;
                }
                scope.action().addStep(new AiLanesRunAction.StepRow("apply", scope.number(), null, null,
                        PolicyEvent.APPROVED.toLowerCase(java.util.Locale.ROOT) + " by " + applied.approvedBy()
                                + ": " + applied.files().size() + " file(s) applied"));
                scope.finish(scope.build().getFullDisplayName());
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("applied", true);
                value.put("approvedBy", applied.approvedBy());
                value.put("sha256", applied.patchSha256());
                value.put("files", new ArrayList<>(applied.files()));
                return value;
            }
        }
    }
}
