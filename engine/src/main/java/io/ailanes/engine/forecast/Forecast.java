package io.ailanes.engine.forecast;

import io.ailanes.engine.budget.Usd;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The next build's cost from a job's history: the past builds' recorded token usage re-priced at today's prices,
 * as nearest-rank p50 and p95 of the whole build, of each step and of each lane ({@link Forecaster}).
 *
 * @param total the whole build
 * @param byStep per step, from the builds that ran that step (each estimate says how many)
 * @param byLane per lane, from the builds that used that lane
 * @param builds the past builds used, oldest first
 * @param leftOut the audits not used, and why (a hash chain that does not verify, above all)
 * @param pricesAsOf the date of the price catalog the builds were re-priced with
 */
public record Forecast(Estimate total, Map<String, Estimate> byStep, Map<String, Estimate> byLane,
        List<PastBuild> builds, List<LeftOut> leftOut, LocalDate pricesAsOf) {

    public Forecast {
        byStep = Collections.unmodifiableMap(new LinkedHashMap<>(byStep));
        byLane = Collections.unmodifiableMap(new LinkedHashMap<>(byLane));
        builds = List.copyOf(builds);
        leftOut = List.copyOf(leftOut);
    }

    /**
     * The warning for a cap below the job's p95 build, naming both figures, e.g. {@code --budget $0.50 is below
     * this job's p95 of $1.20 per build (p50 $0.41, from 24 builds at today's prices): a build like 1 in 20 of the
     * past ones would be refused part way}. Empty when the cap is at or above p95, or when the history is too short
     * for a p95 ({@link Estimate#MIN_FOR_P95}).
     *
     * @param what the cap as the user wrote it, e.g. {@code --budget} or {@code withAiBudget}
     */
    public Optional<String> budgetWarning(String what, BigDecimal cap) {
        if (total.p95() == null || cap.compareTo(total.p95()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(what + " " + Usd.format(cap) + " is below this job's p95 of " + Usd.readable(total.p95())
                + " per build (p50 " + Usd.readable(total.p50()) + ", from " + total.builds()
                + " builds at today's prices): about 1 build in 20 has cost more, and calls that do not fit the cap"
                + " are refused");
    }
}
