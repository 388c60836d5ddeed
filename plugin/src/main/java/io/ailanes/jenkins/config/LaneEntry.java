package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.ailanes.engine.config.LaneSettings;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A lane: a named, ordered list of models, primary first ({@code lanes} of {@code ai-lanes.yaml}). */
public final class LaneEntry implements Describable<LaneEntry> {

    private final String name;
    private List<String> models = new ArrayList<>();
    private String escalateTo;
    private boolean allowSameFamily;
    private String budgetUsd;

    @DataBoundConstructor
    public LaneEntry(String name) {
        this.name = Fields.text(name);
    }

    public String getName() {
        return name;
    }

    public List<String> getModels() {
        return models;
    }

    /** One model reference per line on the form (or comma-separated); a list in Configuration as Code. */
    @DataBoundSetter
    public void setModels(List<String> models) {
        this.models = Fields.entries(models, true);
    }

    /** For the form's textarea. */
    public String getModelsText() {
        return Fields.text(models);
    }

    public String getEscalateTo() {
        return escalateTo;
    }

    @DataBoundSetter
    public void setEscalateTo(String escalateTo) {
        this.escalateTo = Fields.text(escalateTo);
    }

    public boolean isAllowSameFamily() {
        return allowSameFamily;
    }

    @DataBoundSetter
    public void setAllowSameFamily(boolean allowSameFamily) {
        this.allowSameFamily = allowSameFamily;
    }

    public String getBudgetUsd() {
        return budgetUsd;
    }

    @DataBoundSetter
    public void setBudgetUsd(String budgetUsd) {
        this.budgetUsd = Fields.text(budgetUsd);
    }

    private Object readResolve() {
        if (models == null) {
            models = new ArrayList<>();
        }
        return this;
    }

    LaneSettings toSettings(String path) {
        return new LaneSettings(name, List.copyOf(models), escalateTo, allowSameFamily ? Boolean.TRUE : null,
                Fields.decimal(path + ".budgetUsd", budgetUsd));
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<LaneEntry> {

        @Override
        public String getDisplayName() {
            return "Lane";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error("A lane needs a name: reasoning, execution, review, or one steps name")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckBudgetUsd(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkUsd(value, true);
        }
    }
}
