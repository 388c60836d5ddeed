package io.ailanes.engine.residency;

import java.util.Map;
import java.util.Optional;

/**
 * The providers' regions held against the policy, for the router: asked before anything is estimated, reserved or sent
 * for a model.
 *
 * @param regions each configured provider's region, by id
 * @param policy the allowed regions
 */
public record ResidencyCheck(Map<String, ProviderRegion> regions, RegionPolicy policy) {

    /** No policy: nothing is refused. */
    public static final ResidencyCheck NONE = new ResidencyCheck(Map.of(), RegionPolicy.ANY);

    public ResidencyCheck {
        regions = Map.copyOf(regions);
        policy = policy == null ? RegionPolicy.ANY : policy;
    }

    /** Why a call to the provider is refused, or empty when it may go. */
    public Optional<String> refusal(String providerId) {
        if (!policy.restricts()) {
            return Optional.empty();
        }
        return policy.refusal(region(providerId));
    }

    /** The provider's region, unknown when it is not configured here. */
    public ProviderRegion region(String providerId) {
        ProviderRegion region = regions.get(providerId);
        return region != null ? region : new ProviderRegion(providerId, null, null, null);
    }
}
