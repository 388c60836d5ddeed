package io.ailanes.engine.riskpolicy;

import io.ailanes.engine.report.PolicyEvent;

/**
 * One thing a risk class decided for a step, as a value: the CLI prints it, the plugin shows it, and each is an audit
 * event (kind {@link #kind}) that cost.json and report.html list under "Risk class".
 *
 * @param kind the audit event kind, one of {@link PolicyEvent#RISK_KINDS}
 * @param step the step it applies to ({@code plan}, {@code implement}, {@code review})
 * @param what what was decided, e.g. "plan moved to lane reasoning"
 * @param why why, e.g. "class critical requires it"
 */
public record RiskDecision(String kind, String step, String what, String why) {

    /** "what: why", the text of the audit event. */
    public String message() {
        return what + ": " + why;
    }

    /** Whether the decision stops something (the audit line is then REFUSED rather than SUCCEEDED). */
    public boolean blocks() {
        return PolicyEvent.RISK_REFUSED.equals(kind);
    }
}
