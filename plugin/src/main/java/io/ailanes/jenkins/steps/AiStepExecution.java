package io.ailanes.jenkins.steps;

import hudson.AbortException;
import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.lane.NoModelAvailableException;
import io.ailanes.engine.plan.PlanException;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.review.ReviewException;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.run.AiStepScope;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * A step whose model calls run on the controller in a pooled thread, never on the Pipeline's CPS VM thread, as the
 * user who started it. Stopping the build cancels the in-flight request (the engine then releases its budget
 * reservation). The engine's expected failures (budget refused, no model, bad configuration, invalid plan or review,
 * provider errors) fail the step with their message only, which the engine has already redacted.
 */
abstract class AiStepExecution<T> extends SynchronousNonBlockingStepExecution<T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(AiStepExecution.class.getName());

    /** Not kept with the program: this kind of execution does not resume after a restart. */
    private transient Cancellation cancellation = new Cancellation();

    AiStepExecution(StepContext context) {
        super(context);
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        if (cancellation != null) {
            cancellation.cancel();
        }
        super.stop(cause);
    }

    @Override
    protected final T run() throws Exception {
        try {
            return work(cancellation == null ? Cancellation.none() : cancellation);
        } catch (BudgetExceededException | NoModelAvailableException | ConfigException | PlanException
                | ReviewException | ProviderException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    protected abstract T work(Cancellation cancellation) throws Exception;

    /**
     * Records a failed step on the build and writes the reports, so the audit of what was spent is archived even
     * when the step fails; a failure while doing so must not hide the step's own.
     */
    static void failed(AiStepScope scope, Exception cause) {
        try {
            scope.action().addStep(new AiLanesRunAction.StepRow(scope.step(), scope.number(), null, null,
                    "failed: " + cause.getMessage()));
            scope.finish(scope.build().getFullDisplayName());
        } catch (Exception e) {
            cause.addSuppressed(e);
            LOGGER.log(Level.FINE, "cannot write the reports of a failed step", e);
        }
    }
}
