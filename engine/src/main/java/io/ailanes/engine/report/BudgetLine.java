package io.ailanes.engine.report;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One budget scope's state at the end of the run.
 *
 * @param scope the scope's name, e.g. {@code build "myjob#42"}
 * @param kind CALL, STEP, LANE, BUILD, JOB_MONTH or GLOBAL_DAY
 * @param capUsd the cap, or null when the scope has none
 * @param spentUsd settled spend
 * @param reservedUsd reservations still open
 * @param overrun whether the ledger flagged actual spend beyond the cap
 */
public record BudgetLine(String scope, String kind, BigDecimal capUsd, BigDecimal spentUsd, BigDecimal reservedUsd,
        boolean overrun) {

    public BudgetLine {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kind, "kind");
        spentUsd = spentUsd == null ? BigDecimal.ZERO : spentUsd;
        reservedUsd = reservedUsd == null ? BigDecimal.ZERO : reservedUsd;
    }
}
