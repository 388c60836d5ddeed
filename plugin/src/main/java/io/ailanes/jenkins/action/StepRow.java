package io.ailanes.jenkins.action;

import io.ailanes.engine.budget.Usd;
import java.math.BigDecimal;

/** One AI Lanes step of the build. */
public final class StepRow {
    private final String step;
    private final int number;
    private final String model;
    private final String costUsd;
    private final String outcome;

    public StepRow(String step, int number, String model, String costUsd, String outcome) {
        this.step = step;
        this.number = number;
        this.model = model;
        this.costUsd = costUsd;
        this.outcome = outcome;
    }

    public String getStep() {
        return step;
    }

    public int getNumber() {
        return number;
    }

    public String getModel() {
        return model;
    }

    public String getCostText() {
        return costUsd == null ? "" : Usd.readable(new BigDecimal(costUsd));
    }

    public String getOutcome() {
        return outcome;
    }
}
