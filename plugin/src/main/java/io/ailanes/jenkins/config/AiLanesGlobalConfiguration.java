package io.ailanes.jenkins.config;

import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.LaneSettings;
import io.ailanes.engine.config.ModelSettings;
import io.ailanes.engine.config.ProviderSettings;
import io.ailanes.engine.config.ValidatedConfig;
import io.ailanes.jenkins.run.JenkinsSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * "AI Lanes" on Manage Jenkins » System, and {@code unclassified: aiLanes:} in Configuration as Code: providers,
 * models, lanes, budgets, routing, policy and audit mode, with the field names of {@code ai-lanes.yaml}. Two
 * differences, both forced by Jenkins: a provider's {@code headers} are a list of name/value entries
 * (Configuration as Code binds no maps), and {@code priceFiles} are not offered (prices are set per model here).
 */
@Extension
@Symbol("aiLanes")
public final class AiLanesGlobalConfiguration extends GlobalConfiguration {

    private List<ProviderEntry> providers = new ArrayList<>();
    private List<ModelEntry> models = new ArrayList<>();
    private List<LaneEntry> lanes = new ArrayList<>();
    private BudgetsEntry budgets;
    private RoutingEntry routing;
    private PolicyEntry policy;
    private String audit;
    private String riskClass;
    private List<RiskClassEntry> riskClasses = new ArrayList<>();

    public AiLanesGlobalConfiguration() {
        load();
    }

    public static AiLanesGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(AiLanesGlobalConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "AI Lanes";
    }

    /**
     * Saves what the form holds, or nothing: the form is bound on a cleared configuration (Stapler calls no setter for a
     * repeatable list whose entries were all deleted, as warnings-ng's configurations also handle), checked as a
     * whole, and on any problem the previous configuration stays, on disk and in memory.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<String> problems = replace(() -> req.bindJSON(this, json));
        if (!problems.isEmpty()) {
            throw new FormException(refusal(problems), "aiLanes");
        }
        return true;
    }

    /** A setting step that may fail with its own exception (a form binding, a Configuration as Code apply). */
    @FunctionalInterface
    public interface Binding<E extends Exception> {
        void bind() throws E;
    }

    /**
     * Replaces the whole configuration by what {@code binding} sets on a cleared one (fields it leaves alone get their
     * defaults), then checks it: with no problem it is saved once; otherwise, or when the binding fails, the previous
     * configuration is put back and nothing is saved.
     *
     * @return every problem of the new configuration (empty when it was saved)
     */
    public synchronized <E extends Exception> List<String> replace(Binding<E> binding) throws E {
        Snapshot before = new Snapshot(providers, models, lanes, budgets, routing, policy, audit, riskClass,
                riskClasses);
        boolean saved = false;
        try (BulkChange change = new BulkChange(this)) {
            before.clear(this);
            binding.bind();
            List<String> problems = problems();
            if (problems.isEmpty()) {
                change.commit();
                saved = true;
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the AI Lanes configuration: " + e.getMessage(), e);
        } finally {
            if (!saved) {
                before.restore(this);
            }
        }
    }


    /**
     * What {@code binding} would make of the configuration, checked, and then the configuration as it was: nothing is
     * saved (a Configuration as Code check).
     *
     * @return every problem the new configuration would have
     */
    public synchronized <E extends Exception> List<String> tryOut(Binding<E> binding) throws E {
        Snapshot before = new Snapshot(providers, models, lanes, budgets, routing, policy, audit, riskClass,
                riskClasses);
        try (BulkChange change = new BulkChange(this)) {
            before.clear(this);
            binding.bind();
            return problems();
        } finally {
            before.restore(this);
        }
    }

    /** Every problem of this configuration, as the engine words it (credentials are checked when a run opens). */
    public List<String> problems() {
        AiLanesConfig config;
        try {
            config = toConfig();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        return ValidatedConfig.problems(config, configFile());
    }

    /** The message that refuses a configuration, every problem on its own line. */
    public static String refusal(List<String> problems) {
        return "The AI Lanes configuration was not saved: it has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + ":\n- " + String.join("\n- ", problems);
    }

    /** The fields as they were, to put back when a new configuration is refused. */
    private record Snapshot(List<ProviderEntry> providers, List<ModelEntry> models, List<LaneEntry> lanes,
            BudgetsEntry budgets, RoutingEntry routing, PolicyEntry policy, String audit, String riskClass,
            List<RiskClassEntry> riskClasses) {

        Snapshot {
            riskClasses = new ArrayList<>(riskClasses);
            providers = new ArrayList<>(providers);
            models = new ArrayList<>(models);
            lanes = new ArrayList<>(lanes);
        }

        void clear(AiLanesGlobalConfiguration c) {
            c.providers = new ArrayList<>();
            c.models = new ArrayList<>();
            c.lanes = new ArrayList<>();
            c.budgets = null;
            c.routing = null;
            c.policy = null;
            c.audit = null;
            c.riskClass = null;
            c.riskClasses = new ArrayList<>();
        }

        void restore(AiLanesGlobalConfiguration c) {
            c.providers = new ArrayList<>(providers);
            c.models = new ArrayList<>(models);
            c.lanes = new ArrayList<>(lanes);
            c.budgets = budgets;
            c.routing = routing;
            c.policy = policy;
            c.audit = audit;
            c.riskClass = riskClass;
            c.riskClasses = new ArrayList<>(riskClasses);
        }
    }

    public List<ProviderEntry> getProviders() {
        return providers;
    }

    @DataBoundSetter
    public void setProviders(List<ProviderEntry> providers) {
        this.providers = providers == null ? new ArrayList<>() : new ArrayList<>(providers);
        save();
    }

    public List<ModelEntry> getModels() {
        return models;
    }

    @DataBoundSetter
    public void setModels(List<ModelEntry> models) {
        this.models = models == null ? new ArrayList<>() : new ArrayList<>(models);
        save();
    }

    public List<LaneEntry> getLanes() {
        return lanes;
    }

    @DataBoundSetter
    public void setLanes(List<LaneEntry> lanes) {
        this.lanes = lanes == null ? new ArrayList<>() : new ArrayList<>(lanes);
        save();
    }

    public BudgetsEntry getBudgets() {
        return budgets;
    }

    @DataBoundSetter
    public void setBudgets(BudgetsEntry budgets) {
        this.budgets = budgets;
        save();
    }

    public RoutingEntry getRouting() {
        return routing;
    }

    @DataBoundSetter
    public void setRouting(RoutingEntry routing) {
        this.routing = routing;
        save();
    }

    public PolicyEntry getPolicy() {
        return policy;
    }

    @DataBoundSetter
    public void setPolicy(PolicyEntry policy) {
        this.policy = policy;
        save();
    }

    public String getAudit() {
        return audit;
    }

    @DataBoundSetter
    public void setAudit(String audit) {
        this.audit = Util.fixEmptyAndTrim(audit);
        save();
    }

    public String getRiskClass() {
        return riskClass;
    }

    /** The class of a job that names none: low, high or critical (empty: high). */
    @DataBoundSetter
    public void setRiskClass(String riskClass) {
        this.riskClass = Util.fixEmptyAndTrim(riskClass);
        save();
    }

    public List<RiskClassEntry> getRiskClasses() {
        return riskClasses;
    }

    @DataBoundSetter
    public void setRiskClasses(List<RiskClassEntry> riskClasses) {
        this.riskClasses = riskClasses == null ? new ArrayList<>() : new ArrayList<>(riskClasses);
        save();
    }

    @POST
    public ListBoxModel doFillRiskClassItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ListBoxModel items = new ListBoxModel();
        items.add("the default: high", "");
        items.add("low", "low");
        items.add("high", "high");
        items.add("critical", "critical");
        return items;
    }

    /** XStream fills the fields without the constructor's defaults. */
    private Object readResolve() {
        riskClasses = riskClasses == null ? new ArrayList<>() : riskClasses;
        providers = providers == null ? new ArrayList<>() : providers;
        models = models == null ? new ArrayList<>() : models;
        lanes = lanes == null ? new ArrayList<>() : lanes;
        return this;
    }

    /**
     * The engine's configuration. Checked as a whole by the engine when a run opens.
     *
     * @throws IllegalArgumentException when a number field holds something that is not a number, with its path
     */
    public AiLanesConfig toConfig() {
        List<ProviderSettings> providerSettings = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            providerSettings.add(providers.get(i) == null ? null : providers.get(i).toSettings("providers[" + i + "]"));
        }
        List<ModelSettings> modelSettings = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            modelSettings.add(models.get(i) == null ? null : models.get(i).toSettings("models[" + i + "]"));
        }
        List<LaneSettings> laneSettings = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            laneSettings.add(lanes.get(i) == null ? null : lanes.get(i).toSettings("lanes[" + i + "]"));
        }
        List<io.ailanes.engine.config.RiskClassSettings> riskSettings = new ArrayList<>();
        for (int i = 0; i < riskClasses.size(); i++) {
            riskSettings.add(riskClasses.get(i) == null ? null : riskClasses.get(i).toSettings("riskClasses[" + i + "]"));
        }
        return new AiLanesConfig(providerSettings, modelSettings, List.of(), laneSettings,
                budgets == null ? null : budgets.toSettings(), routing == null ? null : routing.toSettings(),
                policy == null ? null : policy.toSettings(), audit, riskClass, riskSettings);
    }

    /** Where this configuration is saved: named in configuration problems so the admin knows where to look. */
    public Path configFile() {
        return getConfigFile().getFile().toPath();
    }

    @POST
    public ListBoxModel doFillAuditItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ListBoxModel items = new ListBoxModel();
        items.add("hashes: prompts and responses as SHA-256 only (default)", "hashes");
        items.add("full: also their redacted text", "full");
        return items;
    }

    /**
     * Checks the saved configuration as a whole, as the engine does when a step opens a run: providers, credentials,
     * prices, lanes, budgets, routing and policy, every problem at once.
     */
    @POST
    public FormValidation doValidateSaved() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            ValidatedConfig.validate(toConfig(), configFile(), new JenkinsSecrets(null));
            return FormValidation.ok("The saved configuration is valid");
        } catch (ConfigException e) {
            return FormValidation.error(String.join("\n", e.problems()));
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
