package io.ailanes.engine.gate;

import java.time.Duration;
import java.util.Objects;

/**
 * A deterministic check a change must pass: a shell command (lint, build, tests). A gate is never a model.
 *
 * @param name a short name, e.g. {@code test}
 * @param command the command, run by {@code sh -c} in the workspace
 * @param timeout how long it may run before it is killed (with its children) and fails
 * @param junit a glob, relative to the workspace, of JUnit XML reports the command writes, or null
 */
public record Gate(String name, String command, Duration timeout, String junit) implements java.io.Serializable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public Gate {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a gate needs a name");
        }
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("gate '" + name + "' needs a command");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("gate '" + name + "': timeout must be positive");
        }
        Objects.requireNonNull(command);
    }
}
