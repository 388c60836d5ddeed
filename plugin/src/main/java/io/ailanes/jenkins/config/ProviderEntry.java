package io.ailanes.jenkins.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.ailanes.engine.config.ProviderSettings;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.jenkins.run.JenkinsSecrets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A provider endpoint, as in {@code providers} of {@code ai-lanes.yaml}. The key is never stored here: the
 * {@code credentialsId} names a Secret text credential, resolved on the controller when a step runs.
 */
public final class ProviderEntry implements Describable<ProviderEntry> {

    private final String id;
    private final String kind;
    private final String baseUrl;
    private String credentialsId;
    private List<HeaderEntry> headers = new ArrayList<>();
    private TimeoutsEntry timeouts;
    private RetryEntry retry;
    private String tokenLimitField;
    private String structuredOutput;
    private List<String> dataRegion = new ArrayList<>();

    @DataBoundConstructor
    public ProviderEntry(String id, String kind, String baseUrl) {
        this.id = Fields.text(id);
        this.kind = Fields.text(kind);
        this.baseUrl = Fields.text(baseUrl);
    }

    public String getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Fields.text(credentialsId);
    }

    public List<HeaderEntry> getHeaders() {
        return headers;
    }

    @DataBoundSetter
    public void setHeaders(List<HeaderEntry> headers) {
        this.headers = headers == null ? new ArrayList<>() : new ArrayList<>(headers);
    }

    public TimeoutsEntry getTimeouts() {
        return timeouts;
    }

    @DataBoundSetter
    public void setTimeouts(TimeoutsEntry timeouts) {
        this.timeouts = timeouts;
    }

    public RetryEntry getRetry() {
        return retry;
    }

    @DataBoundSetter
    public void setRetry(RetryEntry retry) {
        this.retry = retry;
    }

    public String getTokenLimitField() {
        return tokenLimitField;
    }

    @DataBoundSetter
    public void setTokenLimitField(String tokenLimitField) {
        this.tokenLimitField = Fields.text(tokenLimitField);
    }

    public String getStructuredOutput() {
        return structuredOutput;
    }

    @DataBoundSetter
    public void setStructuredOutput(String structuredOutput) {
        this.structuredOutput = Fields.text(structuredOutput);
    }

    public List<String> getDataRegion() {
        return dataRegion;
    }

    /**
     * Where the provider processes prompts and completions ({@code eu}, {@code eu, us}): wins over the bundled region
     * catalog. Comma-separated on the form; a list in Configuration as Code ({@code dataRegion: [eu]}).
     */
    @DataBoundSetter
    public void setDataRegion(List<String> dataRegion) {
        this.dataRegion = Fields.entries(dataRegion, true);
    }

    /** For the form's text field. */
    public String getDataRegionText() {
        return String.join(", ", dataRegion);
    }

    /** Deserialized by XStream without the setters: lists are never null. */
    private Object readResolve() {
        if (headers == null) {
            headers = new ArrayList<>();
        }
        if (dataRegion == null) {
            dataRegion = new ArrayList<>();
        }
        return this;
    }

    ProviderSettings toSettings(String path) {
        Map<String, String> values = new LinkedHashMap<>();
        for (HeaderEntry header : headers) {
            if (header != null && header.getName() != null) {
                values.put(header.getName(), header.getValue() == null ? "" : header.getValue().getPlainText());
            }
        }
        // No headers reads as ai-lanes.yaml without a headers key, so the same configuration compares equal.
        return new ProviderSettings(id, kind, baseUrl, credentialsId, values.isEmpty() ? null : values,
                timeouts == null ? null : timeouts.toSettings(), retry == null ? null : retry.toSettings(path + ".retry"),
                tokenLimitField, structuredOutput, dataRegion.isEmpty() ? null : List.copyOf(dataRegion));
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<ProviderEntry> {

        @Override
        public String getDisplayName() {
            return "Provider";
        }

        @POST
        public ListBoxModel doFillKindItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.items(ProviderKind.class);
        }

        @POST
        public ListBoxModel doFillTokenLimitFieldItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add("(default: auto)", "");
            items.add("auto", "auto");
            items.add("max_tokens", "max_tokens");
            items.add("max_completion_tokens", "max_completion_tokens");
            return items;
        }

        @POST
        public ListBoxModel doFillStructuredOutputItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add("(default: json_schema)", "");
            items.add("json_schema", "json_schema");
            items.add("json_object", "json_object");
            items.add("none", "none");
            return items;
        }

        /**
         * Secret text credentials of the Jenkins root (System and Global scope). Someone who may not administer
         * Jenkins sees only the value already chosen, so the list reveals nothing.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            StandardListBoxModel items = new StandardListBoxModel();
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                items.includeCurrentValue(credentialsId);
                return items;
            }
            items.includeEmptyValue();
            items.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, Collections.emptyList(),
                    CredentialsMatchers.always());
            items.includeCurrentValue(credentialsId);
            return items;
        }

        @POST
        public FormValidation doCheckId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String id = Util.fixEmptyAndTrim(value);
            if (id == null) {
                return FormValidation.error("A provider needs an id: model references are written id/model");
            }
            // The rule steps apply when they build the provider: the form refuses what a build would.
            String problem = ProviderConfig.idProblem(id);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public FormValidation doCheckBaseUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            // The engine's rule, on the value the entry keeps (trimmed): the form refuses what a build would.
            String url = Util.fixEmptyAndTrim(value);
            String problem = ProviderConfig.baseUrlProblem(url);
            if (problem != null) {
                return FormValidation.error(problem);
            }
            String warning = ProviderConfig.baseUrlWarning(url);
            return warning == null ? FormValidation.ok() : FormValidation.warning(warning);
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String id = Util.fixEmptyAndTrim(value);
            if (id == null) {
                return FormValidation.ok("No key: only for local servers that need none");
            }
            return new JenkinsSecrets(null).resolve(id).isPresent()
                    ? FormValidation.ok()
                    : FormValidation.error("No Secret text credential with this id in the Jenkins root (System or Global)");
        }

        /**
         * One cheap call with the values on the form (not yet saved) and the saved model prices: shows the model
         * that answered, the latency and the cost, or why it failed.
         */
        @POST
        public FormValidation doTestConnection(@QueryParameter String id, @QueryParameter String kind,
                @QueryParameter String baseUrl, @QueryParameter String credentialsId,
                @QueryParameter String tokenLimitField, @QueryParameter String structuredOutput,
                @QueryParameter String testModel) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ProviderEntry provider = new ProviderEntry(id, kind, baseUrl);
            provider.setCredentialsId(credentialsId);
            provider.setTokenLimitField(tokenLimitField);
            provider.setStructuredOutput(structuredOutput);
            return ConnectionTest.run(provider.toSettings("provider"), Util.fixEmptyAndTrim(testModel));
        }
    }
}
