package io.ailanes.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.run.AiStepScope;
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
 * {@code aiCall}: one call through a lane, for custom uses, under the same budgets and audit as every step. Returns
 * the answer text. Needs no workspace. Known secrets are redacted from the prompt before it is sent.
 */
public final class AiCallStep extends Step {

    private final String prompt;
    private String lane = Lane.EXECUTION;
    private String system;
    private int maxOutputTokens = 2_000;
    private Double budgetUsd;

    @DataBoundConstructor
    public AiCallStep(String prompt) {
        this.prompt = prompt;
    }

    public String getPrompt() {
        return prompt;
    }

    public String getLane() {
        return lane;
    }

    @DataBoundSetter
    public void setLane(String lane) {
        this.lane = Util.fixEmptyAndTrim(lane) == null ? Lane.EXECUTION : lane.strip();
    }

    public String getSystem() {
        return system;
    }

    @DataBoundSetter
    public void setSystem(String system) {
        this.system = Util.fixEmpty(system);
    }

    public int getMaxOutputTokens() {
        return maxOutputTokens;
    }

    /** 0 (an empty form field) means the default, 2_000. */
    @DataBoundSetter
    public void setMaxOutputTokens(int maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens == 0 ? 2_000 : maxOutputTokens;
    }

    public Double getBudgetUsd() {
        return budgetUsd;
    }

    /** 0 (an empty form field) means no step cap. */
    @DataBoundSetter
    public void setBudgetUsd(double budgetUsd) {
        this.budgetUsd = StepParameters.budget(budgetUsd);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("aiCall")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "aiCall";
        }

        @Override
        public String getDisplayName() {
            return "AI Lanes: one model call through a lane";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /** Prompts can be long and private: the Pipeline's step list does not show them. */
        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return null;
        }
    }

    static final class Execution extends AiStepExecution<String> {

        private static final long serialVersionUID = 1L;

        private final transient AiCallStep step;

        Execution(AiCallStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String work(Cancellation cancellation) throws Exception {
            if (step.prompt == null || step.prompt.isBlank()) {
                throw new hudson.AbortException("aiCall needs a prompt");
            }
            try (AiStepScope scope = AiStepScope.open(getContext(), "call", StepParameters.DEFAULT_OUT, step.budgetUsd)) {
                RoutedResponse answer;
                try {
                    ChatRequest.Builder request = ChatRequest.builder("routed")
                            .user(scope.redactor().redact(step.prompt))
                            .maxOutputTokens(step.maxOutputTokens)
                            .stream(true);
                    if (step.system != null) {
                        request.system(scope.redactor().redact(step.system));
                    }
                    answer = scope.run().call("call", step.lane, request.build(), Math.min(256, step.maxOutputTokens),
                            null, CallListener.NONE, cancellation, Map.of());
                } catch (RuntimeException e) { // nothing checked is thrown above; SpotBugs flags catch (Exception)
                    failed(scope, e);
                    throw e;
                }
                scope.action().addStep(new AiLanesRunAction.StepRow("call", scope.number(), answer.model().toString(),
                        StepValues.usd(answer.cost().total()), answer.response().usage().totalOutputTokens()
                                + " output tokens"));
                scope.finish(scope.build().getFullDisplayName());
                return answer.response().text();
            }
        }
    }
}
