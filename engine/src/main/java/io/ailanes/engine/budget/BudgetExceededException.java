package io.ailanes.engine.budget;

import io.ailanes.engine.error.AiLanesException;
import java.math.BigDecimal;

/** A call refused because it does not fit the binding (smallest-headroom) scope of its chain. */
public final class BudgetExceededException extends AiLanesException {

    private static final long serialVersionUID = 1L;

    private final transient ScopeId scope;
    private final BigDecimal cap;
    private final BigDecimal settled;
    private final BigDecimal reservedByOthers;
    private final BigDecimal needed;

    BudgetExceededException(ScopeId scope, BigDecimal cap, BigDecimal settled, BigDecimal reservedByOthers,
            BigDecimal needed, String neededDetail) {
        super("budget refused: " + scope.describe() + " cap " + Usd.format(cap) + ", spent " + Usd.format(settled)
                + " (reserved " + Usd.format(reservedByOthers) + " more), call needs at least " + Usd.format(needed)
                + (neededDetail == null ? "" : " (" + neededDetail + ")"));
        this.scope = scope;
        this.cap = cap;
        this.settled = settled;
        this.reservedByOthers = reservedByOthers;
        this.needed = needed;
    }

    public ScopeId scope() {
        return scope;
    }

    public BigDecimal cap() {
        return cap;
    }

    /** Settled spend of the scope when the call was refused. */
    public BigDecimal settled() {
        return settled;
    }

    /** Money other calls held in the scope when this one was refused. */
    public BigDecimal reservedByOthers() {
        return reservedByOthers;
    }

    /** The least this call needed (at its output floor). */
    public BigDecimal needed() {
        return needed;
    }

    @Override
    public Category category() {
        return Category.BUDGET;
    }
}
