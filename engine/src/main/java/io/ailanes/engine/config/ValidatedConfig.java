package io.ailanes.engine.config;

import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.ProviderConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configuration checked as a whole: providers, prices, lanes, budgets and routing. Each part is checked
 * even when an earlier one has problems, so one run of the check reports every problem with its path.
 *
 * @param providers the providers, credentials resolved
 * @param catalog the price catalog, price files and model overrides applied
 * @param lanes the lanes by name
 * @param breakerThreshold consecutive failures that open a model's circuit breaker
 * @param breakerCooldown how long an open breaker skips its model
 */
public record ValidatedConfig(
        Map<String, ProviderConfig> providers,
        PriceCatalog catalog,
        Map<String, Lane> lanes,
        int breakerThreshold,
        Duration breakerCooldown) {

    static final int DEFAULT_THRESHOLD = 3;
    static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(60);

    /** @throws ConfigException listing every problem of every part */
    public static ValidatedConfig of(AiLanesConfig config, Path configFile, Secrets secrets) {
        String source = configFile.toString();
        List<String> problems = new ArrayList<>();
        Map<String, ProviderConfig> providers = Map.of();
        try {
            providers = ConfigLoader.providers(config, secrets, source);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        PriceCatalog catalog = PriceSetup.catalog(config, configFile, problems);
        // The ids as written: a provider with a problem of its own must not make its models "unknown" too.
        Set<String> providerIds = new LinkedHashSet<>();
        config.providers().forEach(p -> {
            if (p != null && p.id() != null) {
                providerIds.add(p.id());
            }
        });
        Map<String, Lane> lanes = Map.of();
        try {
            lanes = LanesFactory.lanes(config, providerIds, catalog, source);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        budgets(config.budgets(), problems);
        RoutingSettings routing = config.routing();
        int threshold = routing.circuitBreakerThreshold() == null ? DEFAULT_THRESHOLD : routing.circuitBreakerThreshold();
        if (threshold < 1) {
            problems.add("routing.circuitBreakerThreshold: must be at least 1, was " + threshold);
        }
        Duration cooldown = DEFAULT_COOLDOWN;
        if (routing.circuitBreakerCooldown() != null) {
            try {
                cooldown = Durations.parse(routing.circuitBreakerCooldown());
            } catch (IllegalArgumentException e) {
                problems.add("routing.circuitBreakerCooldown: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new ValidatedConfig(providers, catalog, lanes, threshold, cooldown);
    }

    private static void budgets(BudgetSettings budgets, List<String> problems) {
        negative(budgets.perCallUsd(), "budgets.perCallUsd", problems);
        negative(budgets.perStepUsd(), "budgets.perStepUsd", problems);
        negative(budgets.perBuildUsd(), "budgets.perBuildUsd", problems);
        negative(budgets.perJobMonthUsd(), "budgets.perJobMonthUsd", problems);
        negative(budgets.globalPerDayUsd(), "budgets.globalPerDayUsd", problems);
    }

    private static void negative(BigDecimal value, String path, List<String> problems) {
        if (value != null && value.signum() < 0) {
            problems.add(path + ": a cap cannot be negative, was " + value.toPlainString());
        }
    }
}
