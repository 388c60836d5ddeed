package io.ailanes.cli;

import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.engine.config.layer.LayerOrigin;
import io.ailanes.engine.risk.RiskClass;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.engine.residency.DataRegions;
import io.ailanes.engine.residency.ProviderRegion;
import io.ailanes.engine.residency.RegionCatalog;
import io.ailanes.engine.residency.RegionPolicy;
import io.ailanes.engine.config.ResidencySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Shows where providers process data: the bundled region catalog, or a configuration's providers against its policy. */
@Command(
        name = "regions",
        mixinStandardHelpOptions = true,
        description = {
            "List the bundled region catalog: where the major public endpoints process data, with each provider's page.",
            "With --provider-config, each configured provider's region and whether policy.allowedRegions allows it.",
            "With --risk-class too, whether a run of that class may call it (the class's allowedRegions narrow the list)."
        })
final class RegionsCommand implements Callable<Integer> {

    @Option(names = "--provider-config", paramLabel = "FILE",
            description = "Show this configuration's providers and its policy.allowedRegions.")
    Path configFile;

    @Option(names = "--risk-class", paramLabel = "CLASS",
            description = "With --provider-config: hold the providers also to this class's allowedRegions (riskClasses).")
    String riskClass;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RegionCatalog catalog = RegionCatalog.bundled();
        if (configFile == null && riskClass != null) {
            throw new IllegalArgumentException("--risk-class needs --provider-config: the classes' regions are in the"
                    + " configuration");
        }
        if (configFile == null) {
            out.printf("%-30s %-14s %s%n", "host", "regions", "source");
            for (RegionCatalog.Endpoint e : catalog.endpoints()) {
                out.printf("%-30s %-14s %s%n", e.host(), String.join(", ", e.regions()), e.source());
            }
            out.printf("%n%d endpoints; regions as the providers document them, checked %s. Another host has no known"
                    + " region: declare it with dataRegion.%n", catalog.endpoints().size(), catalog.asOf());
            return AiLanes.OK;
        }
        AiLanesConfig config = ConfigLoader.read(configFile);
        List<String> problems = ResidencySettings.problems(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(configFile.toString(), problems);
        }
        RegionPolicy policy = ResidencySettings.policy(config);
        if (riskClass != null) {
            // As a run of the class opens: the class's allowedRegions narrow the configuration's.
            EffectiveConfig base = EffectiveConfig.unlayered(config, LayerOrigin.file(configFile.toString()));
            policy = RiskPolicy.of(config, RiskClass.parse(riskClass), "--risk-class").narrow(base).config()
                    .regionPolicy();
        } else if (config.riskClasses().stream().anyMatch(c -> c != null && c.allowedRegions() != null)) {
            out.println("riskClasses narrow the allowed regions of some classes: add --risk-class CLASS for a run of one");
        }
        Map<String, ProviderRegion> regions = ResidencySettings.regions(config, Map.of(), catalog);
        out.printf("%-20s %-14s %-11s %s%n", "provider", "regions", "from", policy.restricts()
                ? "policy.allowedRegions " + DataRegions.format(policy.allowed())
                        + (policy.setBy() == null ? "" : " (set by " + policy.setBy() + ")")
                : "policy.allowedRegions not set");
        for (ProviderRegion region : regions.values()) {
            String verdict = policy.refusal(region).map(reason -> "refused: " + reason).orElse("allowed");
            out.printf("%-20s %-14s %-11s %s%n", region.providerId(), region.known() ? String.join(", ", region.regions())
                    : "unknown", region.basis().id(), verdict);
        }
        return AiLanes.OK;
    }
}
