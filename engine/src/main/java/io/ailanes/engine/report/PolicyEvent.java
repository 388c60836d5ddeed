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

    /** The risk class that applied to the run (one per step). */
    public static final String RISK_CLASS = "RISK_CLASS";
    /** A step moved to another lane than its pipeline asked for. */
    public static final String RISK_LANE = "RISK_LANE";
    /** A review the pipeline did not ask for, run because the class requires one. */
    public static final String RISK_REVIEW = "RISK_REVIEW";
    /** A review threshold raised to the class's floor. */
    public static final String RISK_FAIL_ON = "RISK_FAIL_ON";
    /** Paths the class protects besides the policy's. */
    public static final String RISK_PROTECTED = "RISK_PROTECTED";
    /** The class's {@code allowedRegions} narrowed the data regions the run's providers may be in. */
    public static final String RISK_REGIONS = "RISK_REGIONS";
    /** A step the class does not allow (blocked). */
    public static final String RISK_REFUSED = "RISK_REFUSED";
    /** A change (or plan) touching the class's security-sensitive paths. */
    public static final String RISK_SENSITIVE = "RISK_SENSITIVE";
    /** A change held for approval: the patch written, the workspace as it was before the step. */
    public static final String APPROVAL_REQUIRED = "APPROVAL_REQUIRED";
    /** A held change a person approved and that was then applied. */
    public static final String APPROVED = "APPROVED";
    /** Every kind a risk class records: report.html and cost.json list them under "Risk class". */
    public static final java.util.Set<String> RISK_KINDS = java.util.Set.of(RISK_CLASS, RISK_LANE, RISK_REVIEW,
            RISK_FAIL_ON, RISK_PROTECTED, RISK_REGIONS, RISK_REFUSED, RISK_SENSITIVE, APPROVAL_REQUIRED, APPROVED);

    /** Whether a risk class decided this (shown under "Risk class", not among the edit policy's events). */
    public boolean risk() {
        return RISK_KINDS.contains(kind);
    }

    /** Whether the policy let this through (it is shown so the admin sees it), rather than blocking it. */
    public boolean allowed() {
        return SENSITIVE_CHANGE.equals(kind);
    }
}
