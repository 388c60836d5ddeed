package io.ailanes.jenkins.steps;

import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;

/** What the steps share about their parameters: defaults of empty form fields and the context they need. */
final class StepParameters {

    /** Where every step writes its artifacts unless {@code out} says otherwise. */
    static final String DEFAULT_OUT = "ai-lanes";

    /** The context every step needs; why not the workspace: {@link AiStepDescriptor#getRequiredContext()}. */
    static final Set<Class<?>> WORKSPACE_CONTEXT = Set.of(Run.class, TaskListener.class);

    private StepParameters() {}

    /** {@code out} as given, or the default when the field is empty. */
    static String out(String out) {
        String trimmed = Util.fixEmptyAndTrim(out);
        return trimmed == null ? DEFAULT_OUT : trimmed;
    }

    /** 0 (an empty form field) means no step cap. */
    static Double budget(double usd) {
        return usd == 0 ? null : usd;
    }
}
