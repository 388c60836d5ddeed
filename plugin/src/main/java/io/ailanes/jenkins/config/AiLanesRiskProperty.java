package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.Job;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.ailanes.engine.risk.RiskClass;
import jenkins.model.OptionalJobProperty;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A job's risk class ({@code low}, {@code high}, {@code critical}): the policy bundle of the global configuration's
 * {@code riskClasses} its AI Lanes steps are held to. In a Jenkinsfile: {@code properties([aiLanesRisk('critical')])}.
 * Without it a job has the global {@code riskClass} ({@link JobRiskClass}).
 */
public final class AiLanesRiskProperty extends OptionalJobProperty<Job<?, ?>> {

    private final String riskClass;

    @DataBoundConstructor
    public AiLanesRiskProperty(String riskClass) {
        // Parsed here so a Jenkinsfile or form with a wrong class fails when it is set, naming the classes.
        this.riskClass = RiskClass.parse(Util.fixEmptyAndTrim(riskClass) == null ? "high" : riskClass).id();
    }

    public String getRiskClass() {
        return riskClass;
    }

    public RiskClass riskClass() {
        return RiskClass.parse(riskClass);
    }

    @Extension
    @Symbol("aiLanesRisk")
    public static final class DescriptorImpl extends OptionalJobPropertyDescriptor {

        @Override
        public String getDisplayName() {
            return "AI Lanes risk class";
        }

        @POST
        public ListBoxModel doFillRiskClassItems() {
            return Fields.items(RiskClass.class);
        }

        @POST
        public FormValidation doCheckRiskClass(@QueryParameter String value) {
            try {
                RiskClass.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
