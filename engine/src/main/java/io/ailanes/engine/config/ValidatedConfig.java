package io.ailanes.engine.config;

import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.price.PriceCatalog;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configuration checked as a whole: providers, prices, lanes, budgets and routing. Every problem of
 * every part is reported in one {@link ConfigException}, so a run refuses to start on any and the admin
 * fixes them all in one go.
 *
 * @param providers provider configurations with resolved credentials
 * @param catalog the price catalog with the configuration's overrides
 * @param lanes the lanes
 * @param breakerThreshold consecutive failures that open a model's circuit
 * @param breakerCooldown how long an open circuit skips the model
 */
public record ValidatedConfig(
        Map<String, io.ailanes.engine.provider.ProviderConfig> providers, PriceCatalog catalog, Map<String, Lane> lanes,
        int breakerThreshold, java.time.Duration breakerCooldown) {

    /** The same as {@link #validate}. */
    public static ValidatedConfig of(AiLanesConfig config, Path configFile, Secrets secrets) {
        return validate(config, configFile, secrets);
    }

    /**
     * Every problem of the configuration itself, for a host that checks it when the admin saves it (the Jenkins form,
     * Configuration as Code): the same messages as {@link #validate}. Credentials are not looked up: they are kept
     * apart from the configuration, may be added after it, and are checked when a run opens. An empty configuration
     * (nothing set up yet) has no problem.
     */
    public static List<String> problems(AiLanesConfig config, Path configFile) {
        try {
            validate(config, configFile, credentialsId -> java.util.Optional.of("not-resolved-when-saving"));
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    public static ValidatedConfig validate(AiLanesConfig config, Path configFile, Secrets secrets) {
        String source = configFile.toString();
        List<String> problems = new ArrayList<>();
        Map<String, io.ailanes.engine.provider.ProviderConfig> providers = Map.of();
        try {
            providers = ConfigLoader.providers(config, secrets, source, usedProviders(config));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        PriceCatalog catalog = PriceCatalog.bundled();
        try {
            catalog = PriceSetup.catalog(config, configFile);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        // Lanes are checked against every provider id written, so one bad provider does not hide lane problems.
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
        for (int i = 0; i < config.lanes().size(); i++) {
            LaneSettings lane = config.lanes().get(i);
            if (lane != null) {
                positive(lane.budgetUsd(), "lanes[" + i + "].budgetUsd", problems);
            }
        }
        routing(config.routing(), problems);
        policy(config.policy(), problems);
        problems.addAll(ResidencySettings.problems(config));
        RiskSettingsCheck.problems(config, problems);
        if (config.audit() != null && !List.of("hashes", "full").contains(config.audit())) {
            problems.add("audit: '" + config.audit() + "' is not an audit mode; use hashes or full");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        RoutingSettings routing = config.routing();
        return new ValidatedConfig(providers, catalog, lanes,
                routing.circuitBreakerThreshold() == null ? 3 : routing.circuitBreakerThreshold(),
                routing.circuitBreakerCooldown() == null
                        ? java.time.Duration.ofSeconds(60)
                        : Durations.parse(routing.circuitBreakerCooldown()));
    }

    /** The provider ids the lanes' model references name (references that do not parse are reported elsewhere). */
    static Set<String> usedProviders(AiLanesConfig config) {
        Set<String> used = new LinkedHashSet<>();
        for (LaneSettings lane : config.lanes()) {
            if (lane == null || lane.models() == null) {
                continue;
            }
            for (String model : lane.models()) {
                int slash = model == null ? -1 : model.indexOf('/');
                if (slash > 0) {
                    used.add(model.substring(0, slash));
                }
            }
        }
        return used;
    }

    private static void budgets(BudgetSettings budgets, List<String> problems) {
        positive(budgets.perCallUsd(), "budgets.perCallUsd", problems);
        positive(budgets.perStepUsd(), "budgets.perStepUsd", problems);
        positive(budgets.perBuildUsd(), "budgets.perBuildUsd", problems);
        positive(budgets.perJobMonthUsd(), "budgets.perJobMonthUsd", problems);
        positive(budgets.globalPerDayUsd(), "budgets.globalPerDayUsd", problems);
    }

    private static void positive(BigDecimal value, String path, List<String> problems) {
        if (value != null && value.signum() <= 0) {
            problems.add(path + ": a cap must be a positive amount of USD, was " + value.toPlainString());
        }
    }

    private static void policy(PolicySettings policy, List<String> problems) {
        globs("policy.protectedPaths", policy.protectedPaths(), problems);
        globs("policy.allowSensitive", policy.allowSensitive(), problems);
        for (int i = 0; i < policy.gateEnvironment().size(); i++) {
            String problem = io.ailanes.engine.gate.GateEnvironment.problem(policy.gateEnvironment().get(i));
            if (problem != null) {
                problems.add("policy.gateEnvironment[" + i + "]: " + problem);
            }
        }
    }

    static void globs(String path, List<String> globs, List<String> problems) {
        for (int i = 0; i < globs.size(); i++) {
            String glob = globs.get(i);
            if (glob == null || glob.isBlank()) {
                problems.add(path + "[" + i + "]: empty entry");
                continue;
            }
            try {
                new io.ailanes.engine.edit.Glob(glob);
            } catch (IllegalArgumentException e) {
                problems.add(path + "[" + i + "]: " + e.getMessage());
            }
        }
    }

    private static void routing(RoutingSettings routing, List<String> problems) {
        if (routing.circuitBreakerThreshold() != null && routing.circuitBreakerThreshold() < 1) {
            problems.add("routing.circuitBreakerThreshold: must be at least 1, was " + routing.circuitBreakerThreshold());
        }
        if (routing.circuitBreakerCooldown() != null) {
            try {
                Durations.parse(routing.circuitBreakerCooldown());
            } catch (IllegalArgumentException e) {
                problems.add("routing.circuitBreakerCooldown: " + e.getMessage());
            }
        }
    }
}
