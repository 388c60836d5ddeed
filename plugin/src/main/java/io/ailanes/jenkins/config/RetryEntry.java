package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.ailanes.engine.config.ProviderSettings;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A provider's retry settings ({@code retry} in {@code ai-lanes.yaml}); each may be left empty for its default. */
public final class RetryEntry implements Describable<RetryEntry> {

    private String maxAttempts;
    private String initialBackoff;
    private String maxBackoff;
    private String jitter;
    private String maxRetryAfter;

    @DataBoundConstructor
    public RetryEntry() {}

    public String getMaxAttempts() {
        return maxAttempts;
    }

    @DataBoundSetter
    public void setMaxAttempts(String maxAttempts) {
        this.maxAttempts = Fields.text(maxAttempts);
    }

    public String getInitialBackoff() {
        return initialBackoff;
    }

    @DataBoundSetter
    public void setInitialBackoff(String initialBackoff) {
        this.initialBackoff = Fields.text(initialBackoff);
    }

    public String getMaxBackoff() {
        return maxBackoff;
    }

    @DataBoundSetter
    public void setMaxBackoff(String maxBackoff) {
        this.maxBackoff = Fields.text(maxBackoff);
    }

    public String getJitter() {
        return jitter;
    }

    @DataBoundSetter
    public void setJitter(String jitter) {
        this.jitter = Fields.text(jitter);
    }

    public String getMaxRetryAfter() {
        return maxRetryAfter;
    }

    @DataBoundSetter
    public void setMaxRetryAfter(String maxRetryAfter) {
        this.maxRetryAfter = Fields.text(maxRetryAfter);
    }

    ProviderSettings.RetrySettings toSettings(String path) {
        return new ProviderSettings.RetrySettings(Fields.integer(path + ".maxAttempts", maxAttempts), initialBackoff,
                maxBackoff, Fields.real(path + ".jitter", jitter), maxRetryAfter);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<RetryEntry> {

        @Override
        public String getDisplayName() {
            return "Retry";
        }

        @POST
        public FormValidation doCheckMaxAttempts(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkWhole(value, 1);
        }

        @POST
        public FormValidation doCheckInitialBackoff(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkDuration(value);
        }

        @POST
        public FormValidation doCheckMaxBackoff(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkDuration(value);
        }

        @POST
        public FormValidation doCheckMaxRetryAfter(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkDuration(value);
        }
    }
}
