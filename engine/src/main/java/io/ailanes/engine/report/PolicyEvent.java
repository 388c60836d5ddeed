package io.ailanes.engine.report;

import java.time.Instant;

/**
 * Something a policy blocked during the run (an edit outside the rules, a refused gate command, a plan path no
 * change may touch), or let through for the admin to see (a change to a sensitive build file), from the audit's
 * event lines. Not a model call: no tokens, no cost.
 *
 * @param at when it was recorded
 * @param step the step, e.g. implement
 * @param kind what was blocked, e.g. {@code EDIT_REJECTED}
 * @param message what and why, redacted
 * @param round the implement round, or null
 */
public record PolicyEvent(Instant at, String step, String kind, String message, Integer round) {

    /** The kind of a change to a sensitive build file the policy allows: shown, not blocked. */
    public static final String SENSITIVE_CHANGE = "SENSITIVE_CHANGE";

    /** Whether the policy let this through (it is shown so the admin sees it), rather than blocking it. */
    public boolean allowed() {
        return SENSITIVE_CHANGE.equals(kind);
    }
}
