package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.ailanes.engine.config.ModelSettings;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A model's price in USD per million tokens ({@code price} of a model in {@code ai-lanes.yaml}). */
public final class PriceEntry implements Describable<PriceEntry> {

    private final String input;
    private final String output;
    private String cacheRead;
    private String cacheWrite;
    private String cacheWrite1h;
    private String reasoning;

    @DataBoundConstructor
    public PriceEntry(String input, String output) {
        this.input = Fields.text(input);
        this.output = Fields.text(output);
    }

    public String getInput() {
        return input;
    }

    public String getOutput() {
        return output;
    }

    public String getCacheRead() {
        return cacheRead;
    }

    @DataBoundSetter
    public void setCacheRead(String cacheRead) {
        this.cacheRead = Fields.text(cacheRead);
    }

    public String getCacheWrite() {
        return cacheWrite;
    }

    @DataBoundSetter
    public void setCacheWrite(String cacheWrite) {
        this.cacheWrite = Fields.text(cacheWrite);
    }

    public String getCacheWrite1h() {
        return cacheWrite1h;
    }

    @DataBoundSetter
    public void setCacheWrite1h(String cacheWrite1h) {
        this.cacheWrite1h = Fields.text(cacheWrite1h);
    }

    public String getReasoning() {
        return reasoning;
    }

    @DataBoundSetter
    public void setReasoning(String reasoning) {
        this.reasoning = Fields.text(reasoning);
    }

    ModelSettings.PriceSettings toSettings(String path) {
        return new ModelSettings.PriceSettings(Fields.decimal(path + ".input", input),
                Fields.decimal(path + ".output", output), Fields.decimal(path + ".cacheRead", cacheRead),
                Fields.decimal(path + ".cacheWrite", cacheWrite), Fields.decimal(path + ".cacheWrite1h", cacheWrite1h),
                Fields.decimal(path + ".reasoning", reasoning));
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<PriceEntry> {

        @Override
        public String getDisplayName() {
            return "Price";
        }

        @POST
        public FormValidation doCheckInput(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, false);
        }

        @POST
        public FormValidation doCheckOutput(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, false);
        }

        @POST
        public FormValidation doCheckCacheRead(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, false);
        }

        @POST
        public FormValidation doCheckCacheWrite(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, false);
        }

        @POST
        public FormValidation doCheckCacheWrite1h(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, false);
        }

        @POST
        public FormValidation doCheckReasoning(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, false);
        }
    }
}
