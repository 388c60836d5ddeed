package io.ailanes.jenkins.steps;

import org.kohsuke.stapler.DataBoundSetter;

/**
 * An {@link AiLaneStep} that writes its files (a plan, a change set, a review) to {@code out} in the workspace, where
 * the next step reads them.
 *
 * @param <R> what the work gives back
 */
public abstract class AiOutputStep<R> extends AiLaneStep<R> {

    @DataBoundSetter
    public void setOut(String out) {
        out(out);
    }
}
