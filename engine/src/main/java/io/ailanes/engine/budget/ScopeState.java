package io.ailanes.engine.budget;

import java.math.BigDecimal;

/**
 * A consistent snapshot of one scope.
 *
 * @param scope the scope
 * @param cap the cap in USD, or null when the scope is only tracked
 * @param settled spent according to the providers (including reservations left unsettled by a crash)
 * @param reserved held by open reservations
 * @param overrun how much settled calls cost beyond what they had reserved (a bill above the estimate)
 * @param unsettledAfterCrash the part of {@code settled} that is a previous run's reservation never settled
 *     before a crash, counted as spent because the call may have been billed
 * @param openReservations how many reservations currently hold money in this scope
 */
public record ScopeState(
        ScopeId scope,
        BigDecimal cap,
        BigDecimal settled,
        BigDecimal reserved,
        BigDecimal overrun,
        BigDecimal unsettledAfterCrash,
        int openReservations) {

    /** Settled plus reserved. */
    public BigDecimal committed() {
        return settled.add(reserved);
    }

    /** What a new reservation may still take (negative after an overrun), or null when uncapped. */
    public BigDecimal headroom() {
        return cap == null ? null : cap.subtract(committed());
    }

    public boolean hasOverrun() {
        return overrun.signum() > 0;
    }
}
