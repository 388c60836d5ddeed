package io.ailanes.engine.residency;

import java.util.List;
import java.util.Optional;

/**
 * The regions prompts and completions may go to ({@code policy.allowedRegions}). A provider is allowed only when every
 * region it may process in is listed: a provider that may process in {@code sg} or anywhere ({@code global}) is refused
 * by {@code [sg]}. A provider of unknown region is refused whenever the policy is set (fail closed), until the admin
 * declares its {@code dataRegion}.
 *
 * @param allowed the allowed regions, or null for no restriction
 * @param setBy what narrowed the list to {@code allowed} when it is not the configuration's own
 *     {@code policy.allowedRegions} (e.g. {@code risk class critical}, {@code folder team-a}), for messages; else null
 * @param setting the setting that would allow more regions, as a message tells a user to change it
 */
public record RegionPolicy(List<String> allowed, String setBy, String setting) {

    /** No restriction: every provider is allowed. */
    public static final RegionPolicy ANY = new RegionPolicy(null);

    /** Where the policy is configured, as messages name it. */
    public static final String RULE = "policy.allowedRegions";

    public RegionPolicy {
        allowed = allowed == null ? null : DataRegions.normalize(allowed);
        setting = setBy == null || setting == null ? RULE : setting;
    }

    /** The configuration's own {@code policy.allowedRegions}. */
    public RegionPolicy(List<String> allowed) {
        this(allowed, null, null);
    }

    public boolean restricts() {
        return allowed != null;
    }

    /**
     * This policy narrowed by another (a folder's or a risk class's): only the regions both allow, set by the inner one
     * when it restricts.
     */
    public RegionPolicy narrowedBy(RegionPolicy inner) {
        return inner.restricts()
                ? new RegionPolicy(DataRegions.intersect(allowed, inner.allowed), inner.setBy, inner.setting)
                : this;
    }

    /** {@code " (set by risk class critical)"}, or nothing for the configuration's own list. */
    private String setByNote() {
        return setBy == null ? "" : " (set by " + setBy + ")";
    }

    /**
     * Why a lane none of whose models the policy allows fails, and what to do: add an allowed model, declare a known
     * deployment's region, or, when a narrower scope set the list, widen it there.
     */
    public String noModelAllowed(String lane) {
        return "every model of the lane is outside " + RULE + setByNote() + ", so nothing was sent; add a model whose"
                + " provider processes data in an allowed region to lane '" + lane + "', or, if a provider's deployment"
                + " is in an allowed region, declare it with dataRegion on that provider"
                + (setBy == null ? "" : "; or allow its region in " + setting);
    }

    /** Why the policy refuses the provider, or empty when it allows it. */
    public Optional<String> refusal(ProviderRegion provider) {
        if (allowed == null) {
            return Optional.empty();
        }
        String rule = RULE + " " + DataRegions.format(allowed) + setByNote();
        if (!provider.known()) {
            return Optional.of("provider " + provider.providerId() + " has no known processing region (its host is not in"
                    + " the bundled region catalog and it declares no dataRegion), outside " + rule
                    + "; if you know where it processes data, declare it with dataRegion on the provider");
        }
        List<String> outside = provider.regions().stream().filter(r -> !allowed.contains(r)).toList();
        if (outside.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("provider " + provider.providerId() + " processes data in " + String.join(", ", provider.regions())
                + (outside.size() < provider.regions().size() ? " (" + String.join(", ", outside) + " not allowed)" : "")
                + ", outside " + rule);
    }
}
