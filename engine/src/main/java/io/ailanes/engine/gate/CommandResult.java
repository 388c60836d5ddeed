package io.ailanes.engine.gate;

import java.time.Duration;

/**
 * What a command did.
 *
 * @param exitCode the exit code, or -1 when it was killed
 * @param timedOut whether the timeout killed it
 * @param duration how long it ran
 * @param output stdout and stderr interleaved, bounded: its start and its end are kept
 * @param outputBytes how many bytes it printed in all
 */
public record CommandResult(int exitCode, boolean timedOut, Duration duration, String output, long outputBytes) implements java.io.Serializable {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
