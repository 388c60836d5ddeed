package io.ailanes.engine.gate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs gate commands: a local process in the CLI, the agent's Launcher in Jenkins.
 */
public interface CommandRunner {

    /**
     * @param command run with {@code sh -c}
     * @param workdir the workspace
     * @param environment the complete environment of the command (the caller has removed credentials)
     * @param timeout kill the command (and its children) after this long
     */
    CommandResult run(String command, Path workdir, Map<String, String> environment, Duration timeout);
}
