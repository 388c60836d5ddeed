package io.ailanes.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The whole configuration ({@code ai-lanes.yaml}), with the field names the Jenkins global configuration uses
 * too.
 *
 * @param providers the endpoints
 * @param models price overrides and models the bundled catalog lacks
 * @param priceFiles catalog files to load over the bundled catalog (e.g. written by {@code ai-lanes prices
 *     import}), relative to the configuration file
 * @param lanes the lanes, each an ordered model list
 * @param budgets default budget caps
 * @param routing circuit breaker settings
 * @param policy what every implement step is held to (extra protected paths, whether escalation is allowed, the
 *     environment variables gates get besides the built-in ones)
 * @param audit {@code hashes} (default: prompts and responses kept as SHA-256 only) or {@code full} (their
 *     redacted text too)
 * @param riskClass the risk class of a job or run that names none ({@code low}, {@code high}, {@code critical});
 *     default {@code high}
 * @param riskClasses the admin's policy bundles per risk class, each overriding the built-in defaults of its class
 *     field by field
 */
public record AiLanesConfig(
        List<ProviderSettings> providers,
        List<ModelSettings> models,
        List<String> priceFiles,
        List<LaneSettings> lanes,
        BudgetSettings budgets,
        RoutingSettings routing,
        PolicySettings policy,
        String audit,
        String riskClass,
        List<RiskClassSettings> riskClasses) {

    public AiLanesConfig {
        providers = copy(providers);
        models = copy(models);
        priceFiles = copy(priceFiles);
        lanes = copy(lanes);
        budgets = budgets == null ? BudgetSettings.NONE : budgets;
        routing = routing == null ? RoutingSettings.DEFAULT : routing;
        policy = policy == null ? PolicySettings.DEFAULT : policy;
        riskClasses = copy(riskClasses);
    }

    /** A configuration without risk settings: the default class ({@code high}) with its built-in bundle. */
    public AiLanesConfig(List<ProviderSettings> providers, List<ModelSettings> models, List<String> priceFiles,
            List<LaneSettings> lanes, BudgetSettings budgets, RoutingSettings routing, PolicySettings policy,
            String audit) {
        this(providers, models, priceFiles, lanes, budgets, routing, policy, audit, null, null);
    }

    /** Keeps null entries (a stray "-" in YAML), which validation reports as empty entries with their path. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
