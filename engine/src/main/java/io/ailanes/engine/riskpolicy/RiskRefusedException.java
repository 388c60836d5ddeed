package io.ailanes.engine.riskpolicy;

import io.ailanes.engine.error.AiLanesException;

/**
 * A step its risk class does not allow; nothing was sent. The decision says which class and why. A usage failure (the
 * job's class or the admin's bundle must change); the CLI gives it its own exit code.
 */
public final class RiskRefusedException extends AiLanesException {

    private final transient RiskDecision decision;

    public RiskRefusedException(RiskDecision decision) {
        super(decision.message());
        this.decision = decision;
    }

    @Override
    public Category category() {
        return Category.USAGE;
    }

    public RiskDecision decision() {
        return decision;
    }
}
