package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ailanes.engine.budget.Usd;
import io.ailanes.jenkins.run.AiBudgetContext;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code withAiBudget(usd: 5) { ... }}: the AI Lanes calls inside the block (parallel branches included) share a cap
 * of {@code usd}; in nested blocks every cap holds, so the tighter one wins. Returns the body's value. The block's
 * scope lives in the controller's ledger, so the cap holds across a restart.
 */
public final class WithAiBudgetStep extends Step {

    private final double usd;

    @DataBoundConstructor
    public WithAiBudgetStep(double usd) {
        this.usd = usd;
    }

    public double getUsd() {
        return usd;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(usd, context);
    }

    @Extension
    @Symbol("withAiBudget")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "withAiBudget";
        }

        @Override
        public String getDisplayName() {
            return "AI Lanes: cap the spend of the calls in a block";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public Set<? extends Class<?>> getProvidedContext() {
            return Set.of(AiBudgetContext.class);
        }
    }

    /** Starts the body with the block's budget in its context; nothing to do when the body ends. */
    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;

        private final double usd;

        Execution(double usd, StepContext context) {
            super(context);
            this.usd = usd;
        }

        @Override
        public boolean start() throws Exception {
            if (!(usd > 0) || Double.isInfinite(usd)) {
                throw new AbortException("withAiBudget needs usd, a positive amount of USD, was " + usd);
            }
            Run<?, ?> run = getContext().get(Run.class);
            BigDecimal cap = BigDecimal.valueOf(usd);
            AiBudgetContext block = AiBudgetContext.enter(getContext().get(AiBudgetContext.class),
                    run.getExternalizableId(), UUID.randomUUID().toString().substring(0, 8), cap);
            getContext().get(TaskListener.class).getLogger().println("[ai-lanes] withAiBudget: the calls in this block share a cap of "
                    + Usd.format(cap));
            getContext().newBodyInvoker()
                    .withContext(block)
                    .withCallback(BodyExecutionCallback.wrap(getContext()))
                    .start();
            return false;
        }
    }
}
