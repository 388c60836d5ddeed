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

/** A provider's per-phase timeouts ({@code timeouts} in {@code ai-lanes.yaml}); each may be left empty. */
public final class TimeoutsEntry implements Describable<TimeoutsEntry> {

    private String connect;
    private String firstByte;
    private String idle;
    private String total;

    @DataBoundConstructor
    public TimeoutsEntry() {}

    public String getConnect() {
        return connect;
    }

    @DataBoundSetter
    public void setConnect(String connect) {
        this.connect = Fields.text(connect);
    }

    public String getFirstByte() {
        return firstByte;
    }

    @DataBoundSetter
    public void setFirstByte(String firstByte) {
        this.firstByte = Fields.text(firstByte);
    }

    public String getIdle() {
        return idle;
    }

    @DataBoundSetter
    public void setIdle(String idle) {
        this.idle = Fields.text(idle);
    }

    public String getTotal() {
        return total;
    }

    @DataBoundSetter
    public void setTotal(String total) {
        this.total = Fields.text(total);
    }

    ProviderSettings.TimeoutSettings toSettings() {
        return new ProviderSettings.TimeoutSettings(connect, firstByte, idle, total);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<TimeoutsEntry> {

        @Override
        public String getDisplayName() {
            return "Timeouts";
        }

        @POST
        public FormValidation doCheckConnect(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkDuration(value);
        }

        @POST
        public FormValidation doCheckFirstByte(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkDuration(value);
        }

        @POST
        public FormValidation doCheckIdle(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkDuration(value);
        }

        @POST
        public FormValidation doCheckTotal(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkDuration(value);
        }
    }
}
