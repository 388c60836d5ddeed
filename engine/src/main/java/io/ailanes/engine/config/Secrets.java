package io.ailanes.engine.config;

import java.util.Optional;

/**
 * Resolves a credential reference to its value: an environment variable name in the CLI, a Jenkins
 * credentials id in the plugin. Configuration files hold only references.
 */
@FunctionalInterface
public interface Secrets {

    Optional<String> resolve(String credentialsId);
}
