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

    /** The lane when none is given: {@code reasoning}, {@code execution} or {@code review}. */
    protected abstract String defaultLane();

    /** The output cap per call when none is given; the engine's request types own these numbers. */
    protected abstract int defaultMaxOutputTokens();

    public String getLane() {
        return lane == null ? defaultLane() : lane;
    }

    @DataBoundSetter
    public void setLane(String lane) {
        this.lane = Util.fixEmptyAndTrim(lane);
    }

    public int getMaxOutputTokens() {
        return maxOutputTokens == 0 ? defaultMaxOutputTokens() : maxOutputTokens;
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
