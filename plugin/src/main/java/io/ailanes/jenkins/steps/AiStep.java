package io.ailanes.jenkins.steps;

import hudson.AbortException;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.report.CostReport;
import io.ailanes.jenkins.run.AiStepScope;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * An AI Lanes step that works in one {@link AiStepScope}: its arguments are checked when the step is created
 * ({@link AiStepDescriptor#newInstance}), then {@link AiStepExecution} opens the scope, lets the step do its work,
 * records a failure, writes the reports and returns the step's value. A step says only what differs: its work
 * ({@link #perform}), the rows it adds to the build page ({@link #record}) and its value ({@link #value}).
 *
 * @param <R> what the work gives back (the engine's result)
 */
public abstract class AiStep<R> extends Step {

    private String out = StepParameters.DEFAULT_OUT;

    /** The workspace-relative output folder ({@code ai-lanes} unless a step that takes {@code out} sets it). */
    public String getOut() {
        return out;
    }

    /** For the steps that take {@code out}, which bind it with a {@code @DataBoundSetter setOut} ({@link AiOutputStep}). */
    protected final void out(String value) {
        this.out = StepParameters.out(value);
    }

    /** The step's kind, as the audit and the build page name it: {@code plan}, {@code implement}, ... */
    protected abstract String kind();

    /** The step's own cap in USD, or null. */
    protected Double budget() {
        return null;
    }

    /**
     * Fails on arguments the step cannot run with, before anything is read, sent or spent. Subclasses add their
     * own checks and call this one.
     *
     * @throws IllegalArgumentException (from the engine's parsers) or {@link AbortException} saying what was wrong
     */
    protected void check() throws AbortException {
        Double usd = budget();
        if (usd != null && !(usd > 0)) {
            throw new AbortException("budgetUsd must be a positive amount of USD, was " + usd);
        }
        AiStepScope.folder(out);
    }

    /** {@link #check()}, every problem as an {@link AbortException}: the build log shows its message alone. */
    final void checkArguments() throws AbortException {
        try {
            check();
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** The step's work inside its scope. A failure is recorded on the build and the reports are still written. */
    protected abstract R perform(AiStepScope scope, Cancellation cancellation) throws Exception;

    /** Rows for the build page, added before the reports are written. */
    protected void record(AiStepScope scope, R result) {}

    /**
     * What the step returns to the Pipeline, once the reports are written; it may also log, set the build result
     * or fail the step.
     */
    protected abstract Object value(AiStepScope scope, R result, CostReport report, StepContext context)
            throws Exception;

    /** Checks again: a step may also be made without its descriptor ({@code new}, a form), and then started. */
    @Override
    public final StepExecution start(StepContext context) throws Exception {
        checkArguments();
        return new AiStepExecution<>(this, context);
    }
}
