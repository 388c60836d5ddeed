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
 */
public record RegionPolicy(List<String> allowed) {

    /** No restriction: every provider is allowed. */
    public static final RegionPolicy ANY = new RegionPolicy(null);

    /** Where the policy is configured, as messages name it. */
    public static final String RULE = "policy.allowedRegions";

    public RegionPolicy {
        allowed = allowed == null ? null : DataRegions.normalize(allowed);
    }

    public boolean restricts() {
        return allowed != null;
    }

    /** This policy narrowed by another (a folder's or a risk class's): only the regions both allow. */
    public RegionPolicy narrowedBy(RegionPolicy inner) {
        return new RegionPolicy(DataRegions.intersect(allowed, inner.allowed));
    }

    /** Why the policy refuses the provider, or empty when it allows it. */
    public Optional<String> refusal(ProviderRegion provider) {
        if (allowed == null) {
            return Optional.empty();
        }
        String rule = RULE + " " + DataRegions.format(allowed);
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
