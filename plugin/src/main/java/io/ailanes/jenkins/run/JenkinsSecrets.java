package io.ailanes.jenkins.run;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Run;
import hudson.security.ACL;
import io.ailanes.engine.config.Secrets;
import java.util.Collections;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Provider keys: Secret text credentials of the Jenkins root, looked up by id on the controller as the system (the
 * admin chose them in the global configuration). Store them with System scope: then no job can bind them with
 * {@code withCredentials}, and they never reach an agent.
 */
public final class JenkinsSecrets implements Secrets {

    private final Run<?, ?> run;

    /** @param run the build that uses the credential (its use is recorded), or null outside a build */
    public JenkinsSecrets(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public Optional<String> resolve(String credentialsId) {
        StringCredentials credential = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(), ACL.SYSTEM2,
                        Collections.emptyList()),
                CredentialsMatchers.withId(credentialsId));
        if (credential == null) {
            return Optional.empty();
        }
        if (run != null) {
            CredentialsProvider.track(run, credential);
        }
        String value = credential.getSecret().getPlainText();
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
