package io.ailanes.engine.audit;

/** How much of a call the audit keeps. */
public enum AuditMode {
    /** SHA-256 of the prompt and the response only (the default: enough to prove what was sent). */
    HASHES,
    /** The hashes plus the redacted prompt and response text. */
    FULL
}
