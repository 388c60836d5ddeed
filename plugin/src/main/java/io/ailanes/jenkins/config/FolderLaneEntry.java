package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.ailanes.engine.config.layer.LaneNarrowing;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A lane as a folder narrows it: which of the lane's models the folder's jobs may use (in the folder's order) and a
 * lower cap. The lane must exist in the global configuration.
 */
public final class FolderLaneEntry implements Describable<FolderLaneEntry> {

    private final String name;
    private List<String> models = new ArrayList<>();
    private String budgetUsd;

    @DataBoundConstructor
    public FolderLaneEntry(String name) {
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

    /** An empty model list keeps the lane's models (only the cap is narrowed). */
    LaneNarrowing toNarrowing(String path) {
        return new LaneNarrowing(name, models.isEmpty() ? null : List.copyOf(models),
                Fields.decimal(path + ".budgetUsd", budgetUsd));
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<FolderLaneEntry> {

        @Override
        public String getDisplayName() {
            return "Lane";
        }

        /** A number check reveals nothing, so any user who sees the form may run it. */
        @POST
        public FormValidation doCheckBudgetUsd(@QueryParameter String value) {
            return Fields.checkUsd(value, true);
        }
    }
}
