package io.ailanes.engine.config.layer;

import io.ailanes.engine.budget.Usd;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.PolicySettings;
import io.ailanes.engine.residency.DataRegions;
import io.ailanes.engine.residency.RegionPolicy;
import io.ailanes.engine.risk.RiskClass;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration a build (or CLI run) runs with, after its layers narrowed the base, and where each value came
 * from.
 *
 * @param config the effective configuration, for the engine to validate and run
 * @param riskClass the job's risk class, or null when no layer set one
 * @param layers the base and the layers that narrowed something, outermost first
 * @param values each value of the effective configuration with the layer that set it
 */
public record EffectiveConfig(AiLanesConfig config, RiskClass riskClass, List<LayerOrigin> layers,
        List<EffectiveValue> values) {

    /** The audit event kind of the line recording an effective configuration. */
    public static final String EVENT = "EFFECTIVE_CONFIG";
    /** Prefix of the audit attributes holding the values ({@code config.budgets.perBuildUsd}). */
    public static final String VALUE_PREFIX = "config.";
    /** Prefix of the audit attributes holding where each value came from ({@code origin.budgets.perBuildUsd}). */
    public static final String ORIGIN_PREFIX = "origin.";
    /** The audit attribute listing the layers, outermost first, separated by {@code " > "}. */
    public static final String LAYERS = "layers";

    public EffectiveConfig {
        layers = List.copyOf(layers);
        values = List.copyOf(values);
    }

    /** A configuration with no layer under it: the base as it is. */
    public static EffectiveConfig unlayered(AiLanesConfig config, LayerOrigin origin) {
        return ConfigNarrowing.narrow(config, origin, List.of());
    }

    /** Whether any layer narrowed the base (only then is the effective configuration shown and audited). */
    public boolean layered() {
        return layers.size() > 1;
    }

    /** The layers as one label: {@code global > folder team-a > folder team-a/payments}. */
    public String layerPath() {
        return layers.stream().map(LayerOrigin::label).collect(Collectors.joining(" > "));
    }

    /** The field holding the allowed data regions. */
    private static final String REGIONS = "policy.allowedRegions";

    /**
     * This configuration with its allowed data regions narrowed by {@code regions} (a risk class's {@code allowedRegions}):
     * the regions both allow, in this configuration's order. Unlike a folder, such a layer is defined once for jobs
     * under many folders, so a region the layers above do not allow is left out rather than refused. When it changes the
     * list, {@code origin} is recorded as the layer that set {@value #REGIONS} and added to the layers, so the log and
     * the audit's {@value #EVENT} line name it. Null regions change nothing.
     *
     * @throws ConfigException when no region is left: no provider could be called
     */
    public EffectiveConfig narrowRegions(LayerOrigin origin, List<String> regions) {
        List<String> above = config.policy().allowedRegions();
        if (regions == null || malformed(regions) || above != null && malformed(above)) {
            // A malformed list is a configuration problem validation reports with its path when the run opens.
            return this;
        }
        List<String> kept = DataRegions.intersect(above, regions);
        if (above != null && kept.equals(DataRegions.normalize(above))) {
            return this;
        }
        EffectiveValue current = value(REGIONS);
        if (kept.isEmpty()) {
            String from = current == null ? "the configuration" : current.origin();
            throw new ConfigException("the configuration layers " + layerPath() + " > " + origin.label(), List.of(
                    origin.described() + " allows data regions " + DataRegions.format(DataRegions.normalize(regions))
                            + ", none of which " + from + " allows " + DataRegions.format(DataRegions.normalize(above))
                            + ": no provider could be called; change " + origin.regionsSetting() + ", or allow one of"
                            + " them in " + REGIONS + " of " + from));
        }
        PolicySettings p = config.policy();
        AiLanesConfig narrowed = new AiLanesConfig(config.providers(), config.models(), config.priceFiles(),
                config.lanes(), config.budgets(), config.routing(),
                new PolicySettings(p.protectedPaths(), p.allowEscalation(), p.gateEnvironment(), p.allowSensitive(), kept),
                config.audit(), config.riskClass(), config.riskClasses());
        EffectiveValue value = new EffectiveValue(REGIONS, DataRegions.format(kept), origin.label());
        List<EffectiveValue> newValues = new ArrayList<>(values);
        if (current == null) {
            newValues.add(value);
        } else {
            newValues.set(newValues.indexOf(current), value);
        }
        List<LayerOrigin> newLayers = new ArrayList<>(layers);
        newLayers.add(origin);
        return new EffectiveConfig(narrowed, riskClass, newLayers, newValues);
    }

    private static boolean malformed(List<String> regions) {
        return regions.isEmpty() || regions.stream().anyMatch(r -> DataRegions.problem(r) != null);
    }

    /**
     * The allowed data regions as the router holds providers to them, with the layer that set them when it is not the
     * base (a folder, a narrowing file, a risk class), so a skip and a lane left without a model name it.
     */
    public RegionPolicy regionPolicy() {
        List<String> allowed = config.policy().allowedRegions();
        EffectiveValue value = value(REGIONS);
        if (allowed == null || value == null || layers.isEmpty()) {
            return new RegionPolicy(allowed);
        }
        LayerOrigin origin = layers.stream().filter(l -> l.label().equals(value.origin())).findFirst().orElse(null);
        if (origin == null || origin.equals(layers.get(0))) {
            return new RegionPolicy(allowed);
        }
        return new RegionPolicy(allowed, origin.label(), origin.regionsSetting());
    }

    /** The value of a field, e.g. {@code budgets.perBuildUsd}, or null. */
    public EffectiveValue value(String field) {
        return values.stream().filter(v -> v.field().equals(field)).findFirst().orElse(null);
    }

    /**
     * A few lines for a build log or a terminal: the layers, then providers, lanes, caps, policy and risk class, each
     * value with the layer that set it in parentheses.
     */
    public List<String> summaryLines() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (EffectiveValue v : values) {
            String field = v.field();
            String group;
            String item;
            if (field.startsWith("lanes.") && field.endsWith(".models")) {
                group = "lanes";
                item = field.substring("lanes.".length(), field.length() - ".models".length()) + "=" + v.value();
            } else if (field.startsWith("lanes.") && field.endsWith(".budgetUsd")) {
                group = "lane caps";
                item = field.substring("lanes.".length(), field.length() - ".budgetUsd".length()) + " " + usd(v.value());
            } else if (field.startsWith("budgets.")) {
                group = "budgets";
                item = field.substring("budgets.".length()) + " " + usd(v.value());
            } else if (field.startsWith("policy.")) {
                group = "policy";
                item = field.substring("policy.".length()) + " " + v.value();
            } else {
                group = field;
                item = v.value();
            }
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(item + " (" + v.origin() + ")");
        }
        List<String> lines = new ArrayList<>();
        lines.add("effective configuration (" + layerPath() + "):");
        groups.forEach((group, items) -> lines.add("  " + group + " " + String.join(", ", items)));
        return lines;
    }

    /** The summary on one line, as the audit keeps it. */
    public String summary() {
        List<String> lines = summaryLines();
        return lines.get(0) + " " + lines.subList(1, lines.size()).stream().map(String::strip)
                .collect(Collectors.joining("; "));
    }

    /** The audit attributes: every value and its origin, and the layers. */
    public Map<String, String> auditAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(LAYERS, layerPath());
        for (EffectiveValue v : values) {
            attributes.put(VALUE_PREFIX + v.field(), v.value());
            attributes.put(ORIGIN_PREFIX + v.field(), v.origin());
        }
        return attributes;
    }

    private static String usd(String amount) {
        return Usd.format(new BigDecimal(amount));
    }
}
