package io.ailanes.jenkins.steps;

import hudson.Util;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * An {@link AiStep} that calls models through a lane: the lane, the output cap per call and the step's own budget,
 * each with the step's default when the Jenkinsfile or the form leaves it out. An empty form field binds as null or
 * 0, which means the default.
 *
 * @param <R> what the work gives back
 */
public abstract class AiLaneStep<R> extends AiStep<R> {

    private String lane;
    private int maxOutputTokens;
    private Double budgetUsd;

    /**
     * What a lane step is and what it uses when the Jenkinsfile does not say.
     *
     * @param kind the step's kind ({@link #kind()})
     * @param lane the lane when none is given: {@code reasoning}, {@code execution} or {@code review}
     * @param maxOutputTokens the output cap per call when none is given (the engine's request types own these)
     */
    protected record Defaults(String kind, String lane, int maxOutputTokens) {}

    /** The step's {@link Defaults}, a constant of the step class. */
    protected abstract Defaults defaults();

    @Override
    protected final String kind() {
        return defaults().kind();
    }

    public String getLane() {
        return lane == null ? defaults().lane() : lane;
    }

    @DataBoundSetter
    public void setLane(String lane) {
        this.lane = Util.fixEmptyAndTrim(lane);
    }

    public int getMaxOutputTokens() {
        return maxOutputTokens == 0 ? defaults().maxOutputTokens() : maxOutputTokens;
    }

    /** 0 (an empty form field) means the step's default. */
    @DataBoundSetter
    public void setMaxOutputTokens(int maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
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
    protected final Double budget() {
        return budgetUsd;
    }
}
