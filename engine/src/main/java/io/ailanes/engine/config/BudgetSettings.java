package io.ailanes.engine.config;

import java.math.BigDecimal;

/**
 * Default budget caps in USD; any may be omitted (no cap at that scope). A build's cap can also be set
 * by {@code withAiBudget} in Jenkins or {@code --budget} in the CLI.
 *
 * @param perCallUsd the most one call may cost
 * @param perStepUsd the most one step (plan, implement, review) may cost
 * @param perBuildUsd the most one build or CLI run may cost
 * @param perJobMonthUsd the most one job may spend in a calendar month (UTC)
 * @param globalPerDayUsd the most everything together may spend in a day (UTC)
 */
public record BudgetSettings(
        BigDecimal perCallUsd,
        BigDecimal perStepUsd,
        BigDecimal perBuildUsd,
        BigDecimal perJobMonthUsd,
        BigDecimal globalPerDayUsd) {

    public static final BudgetSettings NONE = new BudgetSettings(null, null, null, null, null);
}
