package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.action.StepRow;
import io.ailanes.jenkins.run.AiStepScope;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code aiCall}: one call through a lane, for custom uses, under the same budgets and audit as every step. Returns
 * the answer text. Needs no workspace. Known secrets are redacted from the prompt before it is sent.
 */
public final class AiCallStep extends AiLaneStep<RoutedResponse> {

    /** The output cap of a call when none is given. */
    static final int DEFAULT_MAX_OUTPUT_TOKENS = 2_000;
    /** The fewest output tokens worth a call: the budget may lower the cap down to this. */
    private static final int FLOOR_OUTPUT_TOKENS = 256;
    private static final Defaults DEFAULTS = new Defaults("call", Lane.EXECUTION, DEFAULT_MAX_OUTPUT_TOKENS);

    private final String prompt;
    private String system;

    @DataBoundConstructor
    public AiCallStep(String prompt) {
        this.prompt = prompt;
    }

    public String getPrompt() {
        return prompt;
    }

    public String getSystem() {
        return system;
    }

    @DataBoundSetter
    public void setSystem(String system) {
        this.system = Util.fixEmpty(system);
    }

    @Override
    protected Defaults defaults() {
        return DEFAULTS;
    }

    @Override
    protected void check() throws AbortException {
        if (prompt == null || prompt.isBlank()) {
            throw new AbortException("aiCall needs a prompt");
        }
        super.check();
    }

    @Override
    protected RoutedResponse perform(AiStepScope scope, Cancellation cancellation) {
        ChatRequest.Builder request = ChatRequest.builder("routed")
                .user(scope.redactor().redact(prompt))
                .maxOutputTokens(getMaxOutputTokens())
                .stream(true);
        if (system != null) {
            request.system(scope.redactor().redact(system));
        }
        return scope.run().call("call", getLane(), request.build(),
                Math.min(FLOOR_OUTPUT_TOKENS, getMaxOutputTokens()), null, CallListener.NONE, cancellation, Map.of());
    }

    @Override
    protected void record(AiStepScope scope, RoutedResponse answer) {
        scope.action().addStep(new StepRow("call", scope.number(), answer.model().toString(),
                StepValues.usd(answer.cost().total()), answer.response().usage().totalOutputTokens() + " output tokens"));
    }

    @Override
    protected Object value(AiStepScope scope, RoutedResponse answer, CostReport report, StepContext context) {
        return answer.response().text();
    }

    @Extension
    @Symbol("aiCall")
    public static final class DescriptorImpl extends AiStepDescriptor {

        /** Prompts can be long and private: the Pipeline's step list does not show them. */
        public DescriptorImpl() {
            super("aiCall", "AI Lanes: one model call through a lane", Set.of("prompt", "system"));
        }
    }
}
