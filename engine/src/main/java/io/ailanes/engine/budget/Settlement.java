package io.ailanes.engine.budget;

import java.math.BigDecimal;

/**
 * The outcome of settling a reservation.
 *
 * @param reservation what was held
 * @param actual what the provider billed, recorded as spent
 * @param released the part of the hold returned to the scopes (0 on an overrun)
 * @param overrun how much the bill exceeded the hold (0 normally; positive means the estimate was not an upper bound)
 */
public record Settlement(Reservation reservation, BigDecimal actual, BigDecimal released, BigDecimal overrun) {

    public boolean isOverrun() {
        return overrun.signum() > 0;
    }
}
