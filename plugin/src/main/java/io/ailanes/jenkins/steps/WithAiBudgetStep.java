package io.ailanes.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ailanes.engine.budget.Usd;
import io.ailanes.engine.forecast.Forecast;
import io.ailanes.engine.forecast.LeftOut;
import io.ailanes.jenkins.action.JobForecast;
import io.ailanes.jenkins.run.AiBudgetContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jenkins.util.Timer;
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

    /**
     * Says in the build log whether the cap is below the job's p95 build (from the previous builds' audits, read off
     * the CPS thread on Jenkins' timer pool), then starts the body with the block's budget in its context.
     */
    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;

        private final double usd;
        private AiBudgetContext block;
        private boolean bodyStarted;
        private boolean stopped;

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
            block = AiBudgetContext.enter(getContext().get(AiBudgetContext.class),
                    run.getExternalizableId(), UUID.randomUUID().toString().substring(0, 8), cap);
            TaskListener listener = getContext().get(TaskListener.class);
            listener.getLogger().println("[ai-lanes] withAiBudget: the calls in this block share a cap of "
                    + Usd.format(cap));
            Timer.get().submit(() -> {
                try {
                    for (String line : forecastLines(JobForecast.before(run), cap)) {
                        listener.getLogger().println(line);
                    }
                } catch (RuntimeException e) {
                    listener.getLogger().println("[ai-lanes] withAiBudget: no forecast: " + e.getMessage());
                } finally {
                    startBody();
                }
            });
            return false;
        }

        /** What the log says about the cap against the job's history: a warning below p95, else one plain line. */
        static List<String> forecastLines(JobForecast.Result result, BigDecimal cap) {
            List<String> lines = new ArrayList<>();
            if (result.error() != null) {
                lines.add("[ai-lanes] withAiBudget: no forecast from the previous builds: " + result.error());
                return lines;
            }
            Forecast forecast = result.forecast();
            for (LeftOut left : forecast.leftOut()) {
                lines.add("[ai-lanes] withAiBudget: the forecast left out build " + left);
            }
            if (forecast.total().p95() == null) {
                lines.add("[ai-lanes] withAiBudget: no p95 to check the cap against: " + forecast.total().p95Text());
            } else {
                forecast.budgetWarning("withAiBudget", cap).ifPresentOrElse(
                        warning -> lines.add("[ai-lanes] warning: " + warning),
                        () -> lines.add("[ai-lanes] withAiBudget: the cap is at or above this job's p95 of "
                                + Usd.readable(forecast.total().p95()) + " per build (" + forecast.total().builds()
                                + " builds)"));
            }
            return lines;
        }

        /** Once: after the forecast, or on resume when Jenkins restarted before the body began. */
        private synchronized void startBody() {
            if (bodyStarted || stopped) {
                return;
            }
            bodyStarted = true;
            getContext().newBodyInvoker()
                    .withContext(block)
                    .withCallback(BodyExecutionCallback.wrap(getContext()))
                    .start();
        }

        @Override
        public void onResume() {
            startBody();
        }

        @Override
        public synchronized void stop(Throwable cause) throws Exception {
            stopped = !bodyStarted;
            super.stop(cause);
        }
    }
}
