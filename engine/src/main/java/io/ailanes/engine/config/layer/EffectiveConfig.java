package io.ailanes.engine.config.layer;

import io.ailanes.engine.budget.Usd;
import io.ailanes.engine.config.AiLanesConfig;
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
