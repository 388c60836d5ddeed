package io.ailanes.jenkins.config;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import hudson.Extension;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.ailanes.engine.config.BudgetSettings;
import io.ailanes.engine.config.layer.ConfigLayer;
import io.ailanes.engine.config.layer.LaneNarrowing;
import io.ailanes.engine.config.layer.LayerOrigin;
import io.ailanes.engine.risk.RiskClass;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * AI Lanes settings of a folder: they narrow, never widen, what the global configuration (and the folders around this
 * one) allow the folder's jobs: providers, lanes' model lists, caps, protected paths, escalation, the risk class. The
 * engine ({@code ConfigNarrowing}) applies them at step time, outermost folder first, and refuses a widening with what
 * to do. Every field may be left empty (no narrowing).
 */
public final class AiLanesFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {

    private List<String> allowedProviders = new ArrayList<>();
    private List<FolderLaneEntry> lanes = new ArrayList<>();
    private String perCallUsd;
    private String perStepUsd;
    private String perBuildUsd;
    private String perJobMonthUsd;
    private List<String> protectedPaths = new ArrayList<>();
    private String allowEscalation;
    private List<String> allowedRegions = new ArrayList<>();
    private String riskClass;

    @DataBoundConstructor
    public AiLanesFolderProperty() {}

    public List<String> getAllowedProviders() {
        return allowedProviders;
    }

    /** Provider ids of the global configuration, one per line on the form; empty keeps them all. */
    @DataBoundSetter
    public void setAllowedProviders(List<String> allowedProviders) {
        this.allowedProviders = Fields.entries(allowedProviders, true);
    }

    /** For the form's textarea. */
    public String getAllowedProvidersText() {
        return Fields.text(allowedProviders);
    }

    public List<FolderLaneEntry> getLanes() {
        return lanes;
    }

    @DataBoundSetter
    public void setLanes(List<FolderLaneEntry> lanes) {
        this.lanes = lanes == null ? new ArrayList<>() : new ArrayList<>(lanes);
    }

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

    public List<String> getProtectedPaths() {
        return protectedPaths;
    }

    /** Globs added to the protected paths, one per line on the form; a list in Configuration as Code. */
    @DataBoundSetter
    public void setProtectedPaths(List<String> protectedPaths) {
        this.protectedPaths = Fields.entries(protectedPaths, false);
    }

    /** For the form's textarea. */
    public String getProtectedPathsText() {
        return Fields.text(protectedPaths);
    }

    public String getAllowEscalation() {
        return allowEscalation;
    }

    /**
     * {@code false} turns escalation off for the folder's jobs; empty keeps what is above. Text, not a boolean, so that
     * "not set" exists; {@code true} is kept as written and refused at step time where escalation is off above.
     */
    @DataBoundSetter
    public void setAllowEscalation(String allowEscalation) {
        this.allowEscalation = Fields.text(allowEscalation);
    }

    public List<String> getAllowedRegions() {
        return allowedRegions;
    }

    /**
     * The data regions this folder's jobs may send prompts to, each one the global configuration and the folders
     * around this one allow; one per line or comma-separated on the form, a list in Configuration as Code. Empty
     * keeps what is above.
     */
    @DataBoundSetter
    public void setAllowedRegions(List<String> allowedRegions) {
        this.allowedRegions = Fields.entries(allowedRegions, true);
    }

    /** For the form's text field. */
    public String getAllowedRegionsText() {
        return String.join(", ", allowedRegions);
    }

    public String getRiskClass() {
        return riskClass;
    }

    /** {@code low}, {@code high} or {@code critical}; empty keeps what is above. */
    @DataBoundSetter
    public void setRiskClass(String riskClass) {
        this.riskClass = Fields.text(riskClass);
    }

    private Object readResolve() {
        if (allowedProviders == null) {
            allowedProviders = new ArrayList<>();
        }
        if (lanes == null) {
            lanes = new ArrayList<>();
        }
        if (protectedPaths == null) {
            protectedPaths = new ArrayList<>();
        }
        if (allowedRegions == null) {
            allowedRegions = new ArrayList<>();
        }
        return this;
    }

    /**
     * The folder's layer for the engine.
     *
     * @param folder the folder's full name, as provenance and messages name it
     * @throws IllegalArgumentException naming the field of a value that is not a number, a boolean or a risk class
     */
    public ConfigLayer toLayer(String folder) {
        List<LaneNarrowing> narrowed = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            FolderLaneEntry lane = lanes.get(i);
            if (lane != null) {
                narrowed.add(lane.toNarrowing("lanes[" + i + "]"));
            }
        }
        Boolean escalation = null;
        if (allowEscalation != null) {
            if (!allowEscalation.equalsIgnoreCase("true") && !allowEscalation.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("allowEscalation: '" + allowEscalation
                        + "' is not false (turn escalation off) or empty (keep it)");
            }
            escalation = Boolean.valueOf(allowEscalation.toLowerCase(java.util.Locale.ROOT));
        }
        return new ConfigLayer(LayerOrigin.folder(folder), allowedProviders.isEmpty() ? null : List.copyOf(allowedProviders),
                narrowed,
                new BudgetSettings(Fields.decimal("perCallUsd", perCallUsd), Fields.decimal("perStepUsd", perStepUsd),
                        Fields.decimal("perBuildUsd", perBuildUsd), Fields.decimal("perJobMonthUsd", perJobMonthUsd),
                        null),
                List.copyOf(protectedPaths), escalation, riskClass == null ? null : RiskClass.parse(riskClass),
                allowedRegions.isEmpty() ? null : List.copyOf(allowedRegions));
    }

    /** Whether nothing is set: such a property is not kept (the folder page shows the section for every folder). */
    boolean isEmpty() {
        return allowedProviders.isEmpty() && lanes.isEmpty() && perCallUsd == null && perStepUsd == null
                && perBuildUsd == null && perJobMonthUsd == null && protectedPaths.isEmpty() && allowEscalation == null
                && riskClass == null && allowedRegions.isEmpty();
    }

    @Extension
    @Symbol("aiLanesFolder")
    public static final class DescriptorImpl extends AbstractFolderPropertyDescriptor {

        @Override
        public String getDisplayName() {
            return "AI Lanes";
        }

        @Override
        public AbstractFolderProperty<?> newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            AiLanesFolderProperty property = (AiLanesFolderProperty) super.newInstance(req, formData);
            return property == null || property.isEmpty() ? null : property;
        }

        /** Number checks reveal nothing, so any user who sees the form may run them. */
        @POST
        public FormValidation doCheckPerCallUsd(@QueryParameter String value) {
            return Fields.checkUsd(value, true);
        }

        @POST
        public FormValidation doCheckPerStepUsd(@QueryParameter String value) {
            return Fields.checkUsd(value, true);
        }

        @POST
        public FormValidation doCheckPerBuildUsd(@QueryParameter String value) {
            return Fields.checkUsd(value, true);
        }

        @POST
        public FormValidation doCheckPerJobMonthUsd(@QueryParameter String value) {
            return Fields.checkUsd(value, true);
        }

        /** A fixed list: nothing to protect. */
        @POST
        public ListBoxModel doFillAllowEscalationItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("As above", "");
            items.add("Off for this folder", "false");
            return items;
        }

        /** A fixed list: nothing to protect. */
        @POST
        public ListBoxModel doFillRiskClassItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("As above", "");
            items.addAll(Fields.items(RiskClass.class));
            return items;
        }
    }
}
