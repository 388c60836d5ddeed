package io.ailanes.engine.risk;

/** A step its risk class does not allow; nothing was sent. The decision says which class and why. */
public final class RiskRefusedException extends RuntimeException {

    private final transient RiskDecision decision;

    public RiskRefusedException(RiskDecision decision) {
        super(decision.message());
        this.decision = decision;
    }

    public RiskDecision decision() {
        return decision;
    }
}
