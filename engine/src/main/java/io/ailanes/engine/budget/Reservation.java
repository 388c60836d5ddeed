package io.ailanes.engine.budget;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Money held against every scope of a chain until the call is settled or released.
 *
 * @param id unique within a ledger (and its journal), increasing
 * @param chain the scopes the amount is held against, innermost first
 * @param amount the held worst case, exact USD
 * @param outputTokens output tokens the call may use (the max-output cap to send); 0 for a plain amount
 * @param requestedOutputTokens output tokens asked for; 0 for a plain amount
 * @param loweredReason why fewer output tokens were granted than requested, or null when not lowered
 */
public record Reservation(
        long id,
        List<ScopeId> chain,
        BigDecimal amount,
        long outputTokens,
        long requestedOutputTokens,
        String loweredReason) {

    public Reservation {
        chain = List.copyOf(chain);
        Objects.requireNonNull(amount, "amount");
    }

    /** Whether the budget granted fewer output tokens than requested. */
    public boolean lowered() {
        return loweredReason != null;
    }
}
