package io.ailanes.jenkins.action;

import io.ailanes.engine.budget.ScopeKind;
import io.ailanes.engine.budget.Usd;
import java.math.BigDecimal;

/** One budget scope of the build, as its report showed it. */
public final class BudgetRow {
    private final String scope;
    private final String kind;
    private final String capUsd;
    private final String spentUsd;
    private final String percentUsed;
    private final boolean overrun;

    public BudgetRow(String scope, String kind, String capUsd, String spentUsd, String percentUsed, boolean overrun) {
        this.scope = scope;
        this.kind = kind;
        this.capUsd = capUsd;
        this.spentUsd = spentUsd;
        this.percentUsed = percentUsed;
        this.overrun = overrun;
    }

    public String getScope() {
        return scope;
    }

    public String getKind() {
        return kind;
    }

    /** {@code job month} rather than {@code JOB_MONTH}. */
    public String getKindLabel() {
        try {
            return ScopeKind.valueOf(kind).label();
        } catch (IllegalArgumentException | NullPointerException e) {
            return kind;
        }
    }

    public String getCapText() {
        return capUsd == null ? "no cap" : Usd.readable(new BigDecimal(capUsd));
    }

    public String getSpentText() {
        return spentUsd == null ? "" : Usd.readable(new BigDecimal(spentUsd));
    }

    /** {@code $0.02 of $5.00 (0.4%)}, with {@code · overrun} when spend went past the cap. */
    public String getUsageText() {
        return getSpentText() + " of " + getCapText() + (percentUsed == null ? "" : " (" + percentUsed + "%)")
                + (overrun ? " · overrun" : "");
    }

    public String getPercentUsed() {
        return percentUsed;
    }

    public boolean isOverrun() {
        return overrun;
    }
}
