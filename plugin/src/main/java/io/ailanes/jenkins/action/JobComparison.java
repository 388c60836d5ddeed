package io.ailanes.jenkins.action;

import hudson.model.Job;
import io.ailanes.engine.simulate.RoutingComparison;

/**
 * What a job's recent builds cost as routed against all-premium and all-cheap: a thin adapter that gets the same
 * builds' audits as the forecast from {@link JobHistory} and hands them to the engine's {@link RoutingComparison},
 * which verifies each, leaves out and names the others, and prices both routings. No price is computed here.
 */
public final class JobComparison {

    /** Where the job page says the alternatives' prices come from. */
    static final String CATALOG_LABEL = "the prices configured under Models, else the bundled catalog";

    /** A comparison, or why there is none (a model without a price, an unreadable configuration). */
    public record Result(RoutingComparison comparison, String error) {}

    private JobComparison() {}

    /** The job's completed builds that used AI Lanes (the last 30), compared. */
    public static Result of(Job<?, ?> job) {
        return JobHistory.read(job, job.getLastBuild(), "comparison",
                (audits, catalog) -> new Result(RoutingComparison.compare(audits, catalog, CATALOG_LABEL), null),
                error -> new Result(null, error));
    }
}
