package io.ailanes.engine.config;

import java.util.List;

/**
 * The whole configuration ({@code ai-lanes.yaml}). Later issues add lanes, budgets, policy and audit
 * here, with the field names the Jenkins global configuration uses too.
 *
 * @param providers the endpoints
 * @param models price overrides and models the bundled catalog lacks
 * @param priceFiles catalog files to load over the bundled catalog (e.g. written by {@code ai-lanes prices
 *     import}), relative to the configuration file
 * @param lanes the lanes, each an ordered model list
 * @param budgets default budget caps
 * @param routing circuit breaker settings
 * @param audit {@code hashes} (default: prompts and responses kept as SHA-256 only) or {@code full} (their
 *     redacted text too)
 */
public record AiLanesConfig(
        List<ProviderSettings> providers,
        List<ModelSettings> models,
        List<String> priceFiles,
        List<LaneSettings> lanes,
        BudgetSettings budgets,
        RoutingSettings routing,
        String audit) {

    public AiLanesConfig {
        providers = providers == null ? List.of() : List.copyOf(providers);
        models = models == null ? List.of() : List.copyOf(models);
        priceFiles = priceFiles == null ? List.of() : List.copyOf(priceFiles);
        lanes = lanes == null ? List.of() : List.copyOf(lanes);
        budgets = budgets == null ? BudgetSettings.NONE : budgets;
        routing = routing == null ? RoutingSettings.DEFAULT : routing;
    }
}
