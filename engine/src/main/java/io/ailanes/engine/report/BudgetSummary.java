package io.ailanes.engine.report;

import java.math.BigDecimal;

/**
 * A budget scope with what is left of it.
 *
 * @param line the scope as the ledger reported it
 * @param headroomUsd cap − spent − reserved (negative when overrun), or null without a cap
 * @param percentUsed 100 × (spent + reserved) / cap with two places, or null without a (non-zero) cap
 * @param overrun the ledger's flag, or spend beyond the cap
 */
public record BudgetSummary(BudgetLine line, BigDecimal headroomUsd, BigDecimal percentUsed, boolean overrun) {

    static BudgetSummary of(BudgetLine line) {
        BigDecimal used = line.spentUsd().add(line.reservedUsd());
        BigDecimal cap = line.capUsd();
        BigDecimal headroom = cap == null ? null : cap.subtract(used);
        boolean overrun = line.overrun() || cap != null && line.spentUsd().compareTo(cap) > 0;
        return new BudgetSummary(line, headroom, Ratios.percent(used, cap), overrun);
    }
}
