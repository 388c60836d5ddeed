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
 * @param stopped whether the step was stopped (the build aborted) while the gate ran: it then never passes, whatever
 *     its exit code says (a killed {@code sh -c} can still exit 0 once its children are gone)
 */
public record GateResult(Gate gate, boolean passed, int exitCode, boolean timedOut, Duration duration, String output,
        JUnitCounts junit, boolean stopped) implements java.io.Serializable {

    public GateResult {
        passed = passed && !stopped;
    }

    public GateResult(Gate gate, boolean passed, int exitCode, boolean timedOut, Duration duration, String output,
            JUnitCounts junit) {
        this(gate, passed, exitCode, timedOut, duration, output, junit, false);
    }

    /** This result as it stands when the step was stopped while the gate ran: failed, and saying why. */
    public GateResult asStopped() {
        return stopped ? this : new GateResult(gate, false, exitCode, timedOut, duration,
                output + (output.isEmpty() || output.endsWith("\n") ? "" : "\n") + STOPPED_NOTE, junit, true);
    }

    /** Appended to the output of a gate the stop of its step cut short. */
    public static final String STOPPED_NOTE = "[ai-lanes] the step was stopped while this gate ran: it does not count as passed";
}
