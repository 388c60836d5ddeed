package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.ailanes.engine.config.RoutingSettings;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** How the lane router treats sick models ({@code routing} of {@code ai-lanes.yaml}). */
public final class RoutingEntry implements Describable<RoutingEntry> {

    private String circuitBreakerThreshold;
    private String circuitBreakerCooldown;

    @DataBoundConstructor
    public RoutingEntry() {}

    public String getCircuitBreakerThreshold() {
        return circuitBreakerThreshold;
    }

    @DataBoundSetter
    public void setCircuitBreakerThreshold(String circuitBreakerThreshold) {
        this.circuitBreakerThreshold = Fields.text(circuitBreakerThreshold);
    }

    public String getCircuitBreakerCooldown() {
        return circuitBreakerCooldown;
    }

    @DataBoundSetter
    public void setCircuitBreakerCooldown(String circuitBreakerCooldown) {
        this.circuitBreakerCooldown = Fields.text(circuitBreakerCooldown);
    }

    RoutingSettings toSettings() {
        return new RoutingSettings(Fields.integer("routing.circuitBreakerThreshold", circuitBreakerThreshold),
                circuitBreakerCooldown);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<RoutingEntry> {

        @Override
        public String getDisplayName() {
            return "Routing";
        }

        @POST
        public FormValidation doCheckCircuitBreakerThreshold(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkWhole(value, 1);
        }

        @POST
        public FormValidation doCheckCircuitBreakerCooldown(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkDuration(value);
        }
    }
}
