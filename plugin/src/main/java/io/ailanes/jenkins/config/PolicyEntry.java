package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.ailanes.engine.config.PolicySettings;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every implement step is held to, whatever its Jenkinsfile asks ({@code policy} of {@code ai-lanes.yaml}).
 * The built-in protected paths ({@code .git/**}, Jenkinsfiles, CI folders, key files) always apply.
 */
public final class PolicyEntry implements Describable<PolicyEntry> {

    private List<String> protectedPaths = new ArrayList<>();
    private boolean allowEscalation = true;
    private List<String> gateEnvironment = new ArrayList<>();
    private List<String> allowSensitive = new ArrayList<>();
    private List<String> allowedRegions = new ArrayList<>();

    @DataBoundConstructor
    public PolicyEntry() {}

    public List<String> getProtectedPaths() {
        return protectedPaths;
    }

    /** One glob per line on the form; a list in Configuration as Code. */
    @DataBoundSetter
    public void setProtectedPaths(List<String> protectedPaths) {
        this.protectedPaths = Fields.entries(protectedPaths, false);
    }

    /** For the form's textarea. */
    public String getProtectedPathsText() {
        return Fields.text(protectedPaths);
    }

    public boolean isAllowEscalation() {
        return allowEscalation;
    }

    @DataBoundSetter
    public void setAllowEscalation(boolean allowEscalation) {
        this.allowEscalation = allowEscalation;
    }

    public List<String> getGateEnvironment() {
        return gateEnvironment;
    }

    /**
     * Environment variable names gates get besides the built-in ones ({@code NAME} or {@code PREFIX*}): one per
     * line on the form; a list in Configuration as Code.
     */
    @DataBoundSetter
    public void setGateEnvironment(List<String> gateEnvironment) {
        this.gateEnvironment = Fields.entries(gateEnvironment, false);
    }

    /** For the form's textarea. */
    public String getGateEnvironmentText() {
        return Fields.text(gateEnvironment);
    }

    public List<String> getAllowSensitive() {
        return allowSensitive;
    }

    /**
     * Build files (pom.xml, package.json, Makefile, ...) changes may touch, as globs: one per line on the form; a list
     * in Configuration as Code. Every change to one is audited and shown on the build page.
     */
    @DataBoundSetter
    public void setAllowSensitive(List<String> allowSensitive) {
        this.allowSensitive = Fields.entries(allowSensitive, false);
    }

    /** For the form's textarea. */
    public String getAllowSensitiveText() {
        return Fields.text(allowSensitive);
    }

    public List<String> getAllowedRegions() {
        return allowedRegions;
    }

    /**
     * The regions prompts and completions may go to ({@code policy.allowedRegions}): one per line or comma-separated on
     * the form; a list in Configuration as Code. Empty: no restriction.
     */
    @DataBoundSetter
    public void setAllowedRegions(List<String> allowedRegions) {
        this.allowedRegions = Fields.entries(allowedRegions, true);
    }

    /** For the form's text field. */
    public String getAllowedRegionsText() {
        return String.join(", ", allowedRegions);
    }

    private Object readResolve() {
        if (allowedRegions == null) {
            allowedRegions = new ArrayList<>();
        }
        if (protectedPaths == null) {
            protectedPaths = new ArrayList<>();
        }
        if (gateEnvironment == null) {
            gateEnvironment = new ArrayList<>();
        }
        if (allowSensitive == null) {
            allowSensitive = new ArrayList<>();
        }
        return this;
    }

    PolicySettings toSettings() {
        // No regions on the form reads as ai-lanes.yaml without allowedRegions: no restriction.
        return new PolicySettings(List.copyOf(protectedPaths), allowEscalation, List.copyOf(gateEnvironment),
                List.copyOf(allowSensitive), allowedRegions.isEmpty() ? null : List.copyOf(allowedRegions));
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<PolicyEntry> {

        @Override
        public String getDisplayName() {
            return "Policy";
        }
    }
}
