package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.config.ModelSettings;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A model the bundled price catalog lacks, or an override of what it says ({@code models} of
 * {@code ai-lanes.yaml}). Fields left empty keep the catalog's values.
 */
public final class ModelEntry implements Describable<ModelEntry> {

    private final String ref;
    private PriceEntry price;
    private String contextWindow;
    private String maxOutputTokens;
    private String family;
    private List<String> aliases = new ArrayList<>();

    @DataBoundConstructor
    public ModelEntry(String ref) {
        this.ref = Fields.text(ref);
    }

    public String getRef() {
        return ref;
    }

    public PriceEntry getPrice() {
        return price;
    }

    @DataBoundSetter
    public void setPrice(PriceEntry price) {
        this.price = price;
    }

    public String getContextWindow() {
        return contextWindow;
    }

    @DataBoundSetter
    public void setContextWindow(String contextWindow) {
        this.contextWindow = Fields.text(contextWindow);
    }

    public String getMaxOutputTokens() {
        return maxOutputTokens;
    }

    @DataBoundSetter
    public void setMaxOutputTokens(String maxOutputTokens) {
        this.maxOutputTokens = Fields.text(maxOutputTokens);
    }

    public String getFamily() {
        return family;
    }

    @DataBoundSetter
    public void setFamily(String family) {
        this.family = Fields.text(family);
    }

    public List<String> getAliases() {
        return aliases;
    }

    /** One alias per line on the form (or comma-separated); a list in Configuration as Code. */
    @DataBoundSetter
    public void setAliases(List<String> aliases) {
        this.aliases = Fields.entries(aliases, true);
    }

    /** For the form's textarea. */
    public String getAliasesText() {
        return Fields.text(aliases);
    }

    private Object readResolve() {
        if (aliases == null) {
            aliases = new ArrayList<>();
        }
        return this;
    }

    ModelSettings toSettings(String path) {
        return new ModelSettings(ref, price == null ? null : price.toSettings(path + ".price"),
                Fields.whole(path + ".contextWindow", contextWindow), Fields.whole(path + ".maxOutputTokens", maxOutputTokens),
                family, aliases.isEmpty() ? null : List.copyOf(aliases));
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<ModelEntry> {

        @Override
        public String getDisplayName() {
            return "Model";
        }

        @POST
        public FormValidation doCheckRef(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String ref = Util.fixEmptyAndTrim(value);
            if (ref == null) {
                return FormValidation.error("Write provider-id/model-name");
            }
            try {
                ModelRef.parse(ref);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckContextWindow(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkWhole(value, 1);
        }

        @POST
        public FormValidation doCheckMaxOutputTokens(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.checkWhole(value, 1);
        }
    }
}
