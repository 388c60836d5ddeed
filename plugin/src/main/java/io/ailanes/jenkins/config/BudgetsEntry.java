package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.ailanes.engine.config.BudgetSettings;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Default caps in USD ({@code budgets} of {@code ai-lanes.yaml}); each may be left empty for no cap. The job-month
 * and global-day caps hold across builds: the controller keeps one ledger for all of them.
 */
public final class BudgetsEntry implements Describable<BudgetsEntry> {

    private String perCallUsd;
    private String perStepUsd;
    private String perBuildUsd;
    private String perJobMonthUsd;
    private String globalPerDayUsd;

    @DataBoundConstructor
    public BudgetsEntry() {}

    public String getPerCallUsd() {
        return perCallUsd;
    }

    @DataBoundSetter
    public void setPerCallUsd(String perCallUsd) {
        this.perCallUsd = Fields.text(perCallUsd);
    }

    public String getPerStepUsd() {
        return perStepUsd;
    }

    @DataBoundSetter
    public void setPerStepUsd(String perStepUsd) {
        this.perStepUsd = Fields.text(perStepUsd);
    }

    public String getPerBuildUsd() {
        return perBuildUsd;
    }

    @DataBoundSetter
    public void setPerBuildUsd(String perBuildUsd) {
        this.perBuildUsd = Fields.text(perBuildUsd);
    }

    public String getPerJobMonthUsd() {
        return perJobMonthUsd;
    }

    @DataBoundSetter
    public void setPerJobMonthUsd(String perJobMonthUsd) {
        this.perJobMonthUsd = Fields.text(perJobMonthUsd);
    }

    public String getGlobalPerDayUsd() {
        return globalPerDayUsd;
    }

    @DataBoundSetter
    public void setGlobalPerDayUsd(String globalPerDayUsd) {
        this.globalPerDayUsd = Fields.text(globalPerDayUsd);
    }

    BudgetSettings toSettings() {
        return new BudgetSettings(Fields.decimal("budgets.perCallUsd", perCallUsd),
                Fields.decimal("budgets.perStepUsd", perStepUsd), Fields.decimal("budgets.perBuildUsd", perBuildUsd),
                Fields.decimal("budgets.perJobMonthUsd", perJobMonthUsd),
                Fields.decimal("budgets.globalPerDayUsd", globalPerDayUsd));
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<BudgetsEntry> {

        @Override
        public String getDisplayName() {
            return "Budgets";
        }

        @POST
        public FormValidation doCheckPerCallUsd(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, true);
        }

        @POST
        public FormValidation doCheckPerStepUsd(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, true);
        }

        @POST
        public FormValidation doCheckPerBuildUsd(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, true);
        }

        @POST
        public FormValidation doCheckPerJobMonthUsd(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, true);
        }

        @POST
        public FormValidation doCheckGlobalPerDayUsd(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, true);
        }
    }
}
