package io.ailanes.jenkins.action;

import hudson.model.Job;
import hudson.model.Run;
import io.ailanes.engine.forecast.Forecast;
import io.ailanes.engine.forecast.Forecaster;

/**
 * The next build's cost of a job, from the audits of its previous completed builds that used AI Lanes: a thin
 * adapter that gets the audits from {@link JobHistory} (which builds, where their audits are, the prices, the cache)
 * and hands them to the engine's {@link Forecaster}, which verifies, re-prices at today's prices and takes the
 * quantiles.
 */
public final class JobForecast {

    /** A forecast, or why there is none (a model without a price, an unreadable configuration). */
    public record Result(Forecast forecast, String error) {}

    private JobForecast() {}

    /** The forecast of the job's next build: from its completed builds. */
    public static Result of(Job<?, ?> job) {
        return from(job, job.getLastBuild());
    }

    /** The forecast for a running build: from the completed builds before it. */
    public static Result before(Run<?, ?> run) {
        return from(run.getParent(), run.getPreviousBuild());
    }

    private static Result from(Job<?, ?> job, Run<?, ?> newest) {
        return JobHistory.read(job, newest, "forecast",
                (audits, catalog) -> new Result(Forecaster.forecast(audits, catalog, Forecaster.DEFAULT_LAST), null),
                error -> new Result(null, error));
    }
}
