package io.ailanes.jenkins.steps;

import hudson.AbortException;
import io.ailanes.engine.error.AiLanesException;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.report.CostReport;
import io.ailanes.jenkins.action.StepRow;
import io.ailanes.jenkins.run.AiStepScope;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * How every {@link AiStep} runs: opens the step's scope, does the step's work, records a failure on the build (the
 * reports are still written), adds the step's rows, writes the reports and returns the step's value.
 *
 * <p>The model calls run on the controller in a pooled thread, never on the Pipeline's CPS VM thread, as the user who
 * started the build. The engine's expected failures (budget refused, no model, bad configuration, invalid plan or
 * review, provider errors) fail the step with their message only, which the engine has already redacted.
 *
 * <p>Stopping the build cancels the call in flight (the engine then releases its budget reservation) and kills a
 * running gate; the worker then ends with the stop's cause, so the build is aborted. The worker thread is not
 * interrupted, as {@link SynchronousNonBlockingStepExecution#stop} would do: an interrupt closes any file channel
 * the thread is writing at that moment, and the controller's ledger journal and the build's audit log are such
 * channels, shared with other steps.
 *
 * @param <R> what the step's work gives back
 */
final class AiStepExecution<R> extends SynchronousNonBlockingStepExecution<Object> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(AiStepExecution.class.getName());

    /** Not kept with the program: this kind of execution does not resume after a restart. */
    private transient Cancellation cancellation = new Cancellation();
    private transient volatile Throwable stopCause;
    /** Not kept with the program either: the step's arguments live in the flow node. */
    private final transient AiStep<R> step;

    AiStepExecution(AiStep<R> step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        stopCause = cause;
        if (cancellation != null) {
            cancellation.cancel();
        } else {
            super.stop(cause); // deserialized: nothing of ours is running
        }
    }

    @Override
    protected Object run() throws Exception {
        Cancellation token = cancellation == null ? Cancellation.none() : cancellation;
        stopped(null);
        try {
            Object value = work(token);
            stopped(null); // a stopped build does not go on with a value
            return value;
        } catch (AiLanesException | IllegalArgumentException e) { // explained failures: the message, no stack trace
            stopped(e);
            throw new AbortException(e.getMessage());
        } catch (Exception e) {
            stopped(e);
            throw e;
        }
    }

    /** Ends the step with the stop's cause when the build was stopped, keeping what the work ended with. */
    private void stopped(Exception outcome) throws Exception {
        Throwable cause = stopCause;
        if (cause == null) {
            return;
        }
        if (outcome != null && outcome != cause) {
            // What the work ended with is the stop's consequence (a cancelled call, a killed gate): the log says
            // "Aborted by", not a stack trace of it.
            LOGGER.log(Level.FINE, "AI Lanes step ended after the build was stopped", outcome);
        }
        if (cause instanceof Exception exception) {
            throw exception;
        }
        throw new Exception(cause);
    }

    private Object work(Cancellation cancellation) throws Exception {
        try (AiStepScope scope = AiStepScope.open(getContext(), step.kind(), step.getOut(), step.budget())) {
            R result;
            try {
                result = step.perform(scope, cancellation);
            } catch (Exception e) {
                failed(scope, e);
                throw e;
            }
            step.record(scope, result);
            CostReport report = scope.finish(scope.build().getFullDisplayName());
            return step.value(scope, result, report, getContext());
        }
    }

    /**
     * Records a failed step on the build and writes the reports, so the audit of what was spent is archived even
     * when the step fails; a failure while doing so must not hide the step's own.
     */
    private static void failed(AiStepScope scope, Exception cause) {
        try {
            scope.action().addStep(new StepRow(scope.step(), scope.number(), null, null,
                    "failed: " + cause.getMessage()));
            scope.finish(scope.build().getFullDisplayName());
        } catch (Exception e) {
            cause.addSuppressed(e);
            LOGGER.log(Level.FINE, "cannot write the reports of a failed step", e);
        }
    }
}
