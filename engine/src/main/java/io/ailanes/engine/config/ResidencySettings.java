package io.ailanes.engine.config;

import io.ailanes.engine.residency.DataRegions;
import io.ailanes.engine.residency.ProviderRegion;
import io.ailanes.engine.residency.RegionCatalog;
import io.ailanes.engine.residency.RegionPolicy;
import io.ailanes.engine.residency.ResidencyCheck;
import io.ailanes.engine.provider.ProviderConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the residency parts of a configuration: each provider's {@code dataRegion} and {@code policy.allowedRegions}. */
public final class ResidencySettings {

    private ResidencySettings() {}

    /**
     * Every problem of the residency fields ({@code dataRegion}, {@code policy.allowedRegions}, each risk class's
     * {@code allowedRegions}), with its path, as {@link ValidatedConfig} lists them.
     */
    public static List<String> problems(AiLanesConfig config) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < config.providers().size(); i++) {
            ProviderSettings p = config.providers().get(i);
            if (p != null && p.dataRegion() != null) {
                if (p.dataRegion().isEmpty()) {
                    problems.add("providers[" + i + "].dataRegion: an empty list; name the region(s) the provider"
                            + " processes data in (e.g. eu), or remove the field to use the bundled region catalog");
                }
                names("providers[" + i + "].dataRegion", p.dataRegion(), problems);
            }
        }
        if (config.policy().allowedRegions() != null) {
            allowedRegions(RegionPolicy.RULE, config.policy().allowedRegions(), problems);
        }
        for (int i = 0; i < config.riskClasses().size(); i++) {
            RiskClassSettings c = config.riskClasses().get(i);
            if (c != null && c.allowedRegions() != null) {
                allowedRegions("riskClasses[" + i + "].allowedRegions", c.allowedRegions(), problems);
            }
        }
        return problems;
    }

    /** The problems of a list of allowed regions ({@code policy.allowedRegions}, a risk class's) at {@code path}. */
    private static void allowedRegions(String path, List<String> allowed, List<String> problems) {
        if (allowed.isEmpty()) {
            problems.add(path + ": an empty list allows no provider at all; list the allowed regions"
                    + " (e.g. [eu]), or remove the field for no restriction");
        }
        names(path, allowed, problems);
    }

    private static void names(String path, List<String> regions, List<String> problems) {
        for (int i = 0; i < regions.size(); i++) {
            String problem = DataRegions.problem(regions.get(i));
            if (problem != null) {
                problems.add(path + "[" + i + "]: " + problem);
            }
        }
    }

    /** The policy the configuration sets (call after {@link #problems} found none). */
    public static RegionPolicy policy(AiLanesConfig config) {
        return new RegionPolicy(config.policy().allowedRegions());
    }

    /**
     * Each configured provider's region: its {@code dataRegion}, else the catalog's for its base URL's host, else unknown.
     *
     * @param providers the validated providers (their base URLs), by id
     */
    public static Map<String, ProviderRegion> regions(AiLanesConfig config, Map<String, ProviderConfig> providers,
            RegionCatalog catalog) {
        Map<String, ProviderRegion> regions = new LinkedHashMap<>();
        for (ProviderSettings p : config.providers()) {
            if (p == null || p.id() == null) {
                continue;
            }
            ProviderConfig built = providers.get(p.id());
            String baseUrl = built != null ? built.baseUrl() : p.baseUrl();
            regions.put(p.id(), ProviderRegion.resolve(p.id(), baseUrl, p.dataRegion(), catalog));
        }
        return regions;
    }

    /** The router's check for a configuration. */
    public static ResidencyCheck check(AiLanesConfig config, Map<String, ProviderConfig> providers) {
        return check(config, providers, policy(config));
    }

    /**
     * The router's check for a configuration whose allowed regions a layer or a risk class set ({@code policy}, with
     * what set it, from {@link io.ailanes.engine.config.layer.EffectiveConfig#regionPolicy()}).
     */
    public static ResidencyCheck check(AiLanesConfig config, Map<String, ProviderConfig> providers, RegionPolicy policy) {
        return new ResidencyCheck(regions(config, providers, RegionCatalog.bundled()), policy);
    }
}
