package io.ailanes.engine.residency;

import java.util.List;
import java.util.Objects;

/**
 * Where one configured provider processes prompts and completions, and on what word.
 *
 * @param providerId the provider's id
 * @param regions the regions, empty when unknown
 * @param basis where the regions come from
 * @param source the provider's documentation page (catalog), or null
 */
public record ProviderRegion(String providerId, List<String> regions, Basis basis, String source) {

    /** Where a provider's regions come from. */
    public enum Basis {
        /** The admin's {@code dataRegion}: it wins over the catalog (an EU deployment of a model, a local server). */
        CONFIGURED,
        /** The bundled catalog's entry for the base URL's host. */
        CATALOG,
        /** Neither: a host the catalog does not list and no {@code dataRegion}. */
        UNKNOWN;

        /** The lower-case name the audit and the reports use. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ProviderRegion {
        Objects.requireNonNull(providerId, "providerId");
        regions = regions == null ? List.of() : DataRegions.normalize(regions);
        basis = regions.isEmpty() ? Basis.UNKNOWN : basis;
    }

    /**
     * The provider's regions: the configured ones when set, else the catalog's for its base URL's host, else unknown.
     *
     * @param configured the provider's {@code dataRegion}, or null/empty when not set
     */
    public static ProviderRegion resolve(String providerId, String baseUrl, List<String> configured, RegionCatalog catalog) {
        if (configured != null && !configured.isEmpty()) {
            return new ProviderRegion(providerId, configured, Basis.CONFIGURED, null);
        }
        return catalog.find(baseUrl)
                .map(e -> new ProviderRegion(providerId, e.regions(), Basis.CATALOG, e.source()))
                .orElseGet(() -> new ProviderRegion(providerId, List.of(), Basis.UNKNOWN, null));
    }

    /** The same region for another provider id. */
    public ProviderRegion withId(String id) {
        return new ProviderRegion(id, regions, basis, source);
    }

    public boolean known() {
        return !regions.isEmpty();
    }

    /** The regions as the audit keeps them: {@code eu,us}, or {@code unknown}. */
    public String attribute() {
        return known() ? String.join(",", regions) : "unknown";
    }
}
