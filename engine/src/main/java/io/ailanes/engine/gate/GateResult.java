package io.ailanes.engine.gate;

import java.time.Duration;

/**
 * How one gate went.
 *
 * @param gate the gate
 * @param passed exit code 0 in time (and no failing test in its JUnit reports)
 * @param exitCode the exit code, -1 when killed
 * @param timedOut whether the timeout killed it
 * @param duration how long it ran
 * @param output its output, bounded and redacted
 * @param junit counts from its JUnit reports (zero when it has none)
 */
public record GateResult(
        Gate gate, boolean passed, int exitCode, boolean timedOut, Duration duration, String output, JUnitCounts junit) implements java.io.Serializable {}
