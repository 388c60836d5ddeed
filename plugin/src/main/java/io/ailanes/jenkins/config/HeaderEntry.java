package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.Secret;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * One extra header a provider gets with every request. Configuration as Code does not bind maps, so the
 * {@code headers} map of {@code ai-lanes.yaml} is a list of name/value entries here. Values are kept encrypted: a
 * header can carry a key (an Azure or proxy key), and the engine treats every header value as a secret.
 */
public final class HeaderEntry implements Describable<HeaderEntry> {

    private final String name;
    private final Secret value;

    @DataBoundConstructor
    public HeaderEntry(String name, Secret value) {
        this.name = Fields.text(name);
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public Secret getValue() {
        return value;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<HeaderEntry> {

        @Override
        public String getDisplayName() {
            return "Header";
        }
    }
}
