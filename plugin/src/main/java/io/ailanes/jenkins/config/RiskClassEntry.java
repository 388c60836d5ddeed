package io.ailanes.jenkins.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.ListBoxModel;
import io.ailanes.engine.config.RiskClassSettings;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.risk.RiskClass;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * One risk class's policy bundle ({@code riskClasses} of {@code ai-lanes.yaml}), with the same field names. A field
 * left empty keeps the class's built-in default, so lists are null until set; the yes/no fields are text
 * ({@code true}, {@code false} or empty for the default) because a checkbox cannot say "default".
 */
public final class RiskClassEntry implements Describable<RiskClassEntry> {

    private final String name;
    private List<String> planLanes;
    private List<String> implementLanes;
    private List<String> reviewLanes;
    private String reviewRequired;
    private String failOn;
    private List<String> protectedPaths;
    private List<String> sensitivePaths;
    private String allowImplement;
    private String requireApproval;
    private List<String> approvers;
    private List<String> allowedRegions;

    @DataBoundConstructor
    public RiskClassEntry(String name) {
        this.name = Fields.text(name);
    }

    public String getName() {
        return name;
    }

    /** Null (the class's default) for an empty field. */
    private static List<String> list(List<String> values) {
        List<String> entries = Fields.entries(values, true);
        return entries.isEmpty() ? null : entries;
    }

    /** An empty field is the class's default; anything else is kept as written and checked in {@link #toSettings}. */
    private static String flag(String value) {
        return Fields.text(value);
    }

    public List<String> getPlanLanes() {
        return planLanes;
    }

    @DataBoundSetter
    public void setPlanLanes(List<String> planLanes) {
        this.planLanes = list(planLanes);
    }

    public String getPlanLanesText() {
        return Fields.text(planLanes);
    }

    public List<String> getImplementLanes() {
        return implementLanes;
    }

    @DataBoundSetter
    public void setImplementLanes(List<String> implementLanes) {
        this.implementLanes = list(implementLanes);
    }

    public String getImplementLanesText() {
        return Fields.text(implementLanes);
    }

    public List<String> getReviewLanes() {
        return reviewLanes;
    }

    @DataBoundSetter
    public void setReviewLanes(List<String> reviewLanes) {
        this.reviewLanes = list(reviewLanes);
    }

    public String getReviewLanesText() {
        return Fields.text(reviewLanes);
    }

    public String getReviewRequired() {
        return reviewRequired;
    }

    @DataBoundSetter
    public void setReviewRequired(String reviewRequired) {
        this.reviewRequired = flag(reviewRequired);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = Fields.text(failOn);
    }

    public List<String> getProtectedPaths() {
        return protectedPaths;
    }

    @DataBoundSetter
    public void setProtectedPaths(List<String> protectedPaths) {
        this.protectedPaths = list(protectedPaths);
    }

    public String getProtectedPathsText() {
        return Fields.text(protectedPaths);
    }

    public List<String> getSensitivePaths() {
        return sensitivePaths;
    }

    @DataBoundSetter
    public void setSensitivePaths(List<String> sensitivePaths) {
        this.sensitivePaths = list(sensitivePaths);
    }

    public String getSensitivePathsText() {
        return Fields.text(sensitivePaths);
    }

    public String getAllowImplement() {
        return allowImplement;
    }

    @DataBoundSetter
    public void setAllowImplement(String allowImplement) {
        this.allowImplement = flag(allowImplement);
    }

    public String getRequireApproval() {
        return requireApproval;
    }

    @DataBoundSetter
    public void setRequireApproval(String requireApproval) {
        this.requireApproval = flag(requireApproval);
    }

    public List<String> getApprovers() {
        return approvers;
    }

    @DataBoundSetter
    public void setApprovers(List<String> approvers) {
        this.approvers = list(approvers);
    }

    public String getApproversText() {
        return Fields.text(approvers);
    }

    public List<String> getAllowedRegions() {
        return allowedRegions;
    }

    /**
     * The data regions a job of this class may send prompts to, narrowing the global (and its folders') allowed regions:
     * one per line or comma-separated on the form, a list in Configuration as Code. Empty: no limit of the class's own.
     */
    @DataBoundSetter
    public void setAllowedRegions(List<String> allowedRegions) {
        this.allowedRegions = list(allowedRegions);
    }

    public String getAllowedRegionsText() {
        return allowedRegions == null ? "" : String.join(", ", allowedRegions);
    }

    /**
     * @throws IllegalArgumentException when a yes/no field holds something else, with its path
     */
    RiskClassSettings toSettings(String path) {
        return new RiskClassSettings(name, planLanes, implementLanes, reviewLanes,
                bool(path + ".reviewRequired", reviewRequired), failOn, protectedPaths, sensitivePaths,
                bool(path + ".allowImplement", allowImplement), bool(path + ".requireApproval", requireApproval),
                approvers, allowedRegions);
    }

    private static Boolean bool(String path, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(path + ": '" + value + "' is not true or false; leave it"
                    + " empty for the class's default");
        };
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<RiskClassEntry> {

        @Override
        public String getDisplayName() {
            return "Risk class";
        }

        @POST
        public ListBoxModel doFillNameItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Fields.items(RiskClass.class);
        }

        @POST
        public ListBoxModel doFillFailOnItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add("the class's default", "");
            // The floors from the enum the configuration check parses with: never is no floor.
            for (FailOn floor : FailOn.floors()) {
                items.add(floor.label(), floor.id());
            }
            return items;
        }

        private static ListBoxModel flags() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add("the class's default", "");
            items.add("yes", "true");
            items.add("no", "false");
            return items;
        }

        @POST
        public ListBoxModel doFillReviewRequiredItems() {
            return flags();
        }

        @POST
        public ListBoxModel doFillAllowImplementItems() {
            return flags();
        }

        @POST
        public ListBoxModel doFillRequireApprovalItems() {
            return flags();
        }
    }
}
