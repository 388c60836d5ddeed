package io.ailanes.engine.audit;

/** How one attempt ended. Every attempt gets a line, whatever its outcome. */
public enum AuditOutcome {
    /** The provider answered and the answer was used. */
    SUCCEEDED,
    /** The attempt failed and the same call is tried again. */
    RETRYING,
    /** The attempt failed and the call gives up. */
    FAILED,
    /** The attempt failed and the call moves on to another model or provider. */
    FALLBACK,
    /** Never sent: a budget or policy refused it. */
    REFUSED,
    /** Stopped by the user or the build. */
    CANCELLED
}
