package io.ailanes.engine.report;

import java.time.Instant;

/**
 * Something a policy blocked during the run (an edit outside the rules, a refused gate command, a plan path no
 * change may touch), from the audit's event lines. Not a model call: no tokens, no cost.
 *
 * @param at when it was recorded
 * @param step the step, e.g. implement
 * @param kind what was blocked, e.g. {@code EDIT_REJECTED}
 * @param message what and why, redacted
 * @param round the implement round, or null
 */
public record PolicyEvent(Instant at, String step, String kind, String message, Integer round) {}
