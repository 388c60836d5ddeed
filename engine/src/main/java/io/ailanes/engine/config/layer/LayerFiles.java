package io.ailanes.engine.config.layer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.BudgetSettings;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.price.Suggestions;
import io.ailanes.engine.risk.RiskClass;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Layered configuration files (CLI): a base {@code ai-lanes.yaml} and narrowing files under it, given as
 * {@code --provider-config} more than once (first the base, then each narrowing file) or chained by a narrowing file's
 * {@code extends:} (a path relative to that file). A narrowing file holds only what a layer may narrow
 * ({@link ConfigLayer}); {@link ConfigNarrowing} applies the same rules and messages as to a Jenkins folder.
 */
public final class LayerFiles {

    /** What a narrowing file may hold, besides {@code extends}. */
    static final List<String> FIELDS = List.of("extends", "allowedProviders", "lanes", "budgets", "policy", "riskClass");
    private static final List<String> LANE_FIELDS = List.of("name", "models", "budgetUsd");
    private static final List<String> BUDGET_FIELDS =
            List.of("perCallUsd", "perStepUsd", "perBuildUsd", "perJobMonthUsd", "globalPerDayUsd");
    private static final List<String> POLICY_FIELDS = List.of("protectedPaths", "allowEscalation");
    private static final String MAY_HOLD = "a narrowing file may set allowedProviders, lanes (name, models, budgetUsd),"
            + " budgets, policy (protectedPaths, allowEscalation) and riskClass";

    /** Decimals as written: {@code 1.00} stays 1.00 in messages and provenance, not 1. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /**
     * The base configuration and the layers under it, outermost first.
     *
     * @param baseFile the base configuration's file (price files are relative to it)
     */
    public record Layered(AiLanesConfig base, Path baseFile, List<ConfigLayer> layers) {

        public Layered {
            layers = List.copyOf(layers);
        }

        /** The effective configuration (the base as it is when there is no layer). */
        public EffectiveConfig narrow() {
            return ConfigNarrowing.narrow(base, LayerOrigin.file(baseFile.toString()), layers);
        }
    }

    private LayerFiles() {}

    /**
     * Reads the files: the first is the base, or a narrowing file whose {@code extends:} chain leads to it; each later
     * file narrows what is before it (its {@code extends:}, if any, must name a file already in the chain).
     *
     * @throws ConfigException on an unreadable file, a field a narrowing file may not hold, an {@code extends:} cycle,
     *     or any problem of the base configuration
     */
    public static Layered read(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no configuration file given");
        }
        List<Path> chain = new ArrayList<>(); // absolute, normalized: the files read so far, base first
        List<Path> shown = new ArrayList<>(); // the same files as the user named them
        List<JsonNode> trees = new ArrayList<>();
        // Follow the first file's extends: up to the base.
        Path file = files.get(0);
        while (true) {
            Path key = file.toAbsolutePath().normalize();
            if (chain.contains(key)) {
                List<String> cycle = new ArrayList<>(shown.stream().map(Path::toString).toList());
                cycle.add(file.toString());
                throw new ConfigException(shown.get(shown.size() - 1).toString(), List.of("extends: cycle "
                        + String.join(" > ", cycle) + ": a chain of files must end at a base configuration (a file"
                        + " without extends); remove the extends that leads back"));
            }
            JsonNode tree = tree(file);
            chain.add(key);
            shown.add(file);
            trees.add(tree);
            JsonNode extended = tree.get("extends");
            if (extended == null) {
                break;
            }
            if (!extended.isTextual() || extended.asText().isBlank()) {
                throw new ConfigException(file.toString(), List.of("extends: must be the path of the configuration"
                        + " this file narrows, relative to this file, e.g. extends: ../ai-lanes.yaml"));
            }
            Path parent = file.getParent();
            file = parent == null ? Path.of(extended.asText()) : parent.resolve(extended.asText()).normalize();
        }
        // The base is the last file read; the narrowing files come before it, innermost first.
        int baseIndex = chain.size() - 1;
        Path baseFile = shown.get(baseIndex);
        AiLanesConfig base = ConfigLoader.read(baseFile);
        List<ConfigLayer> layers = new ArrayList<>();
        for (int i = baseIndex - 1; i >= 0; i--) {
            layers.add(layer(shown.get(i), trees.get(i)));
        }
        for (Path later : files.subList(1, files.size())) {
            Path key = later.toAbsolutePath().normalize();
            if (chain.contains(key)) {
                throw new ConfigException(later.toString(), List.of("given twice (directly or through extends):"
                        + " give each file once"));
            }
            JsonNode tree = tree(later);
            JsonNode extended = tree.get("extends");
            if (extended != null && extended.isTextual()) {
                Path parent = later.getParent();
                Path target = (parent == null ? Path.of(extended.asText()) : parent.resolve(extended.asText()))
                        .toAbsolutePath().normalize();
                if (!chain.contains(target)) {
                    throw new ConfigException(later.toString(), List.of("extends: " + extended.asText()
                            + " is not among the files before it (" + String.join(", ",
                                    shown.stream().map(Path::toString).toList()) + "): give that file first, or drop"
                            + " extends and rely on the order of --provider-config"));
                }
            }
            chain.add(key);
            shown.add(later);
            layers.add(layer(later, tree));
        }
        return new Layered(base, baseFile, layers);
    }

    /** Reads one narrowing file (its {@code extends:} is not followed). */
    public static ConfigLayer layer(Path file) {
        return layer(file, tree(file));
    }

    private static JsonNode tree(Path file) {
        try {
            JsonNode tree = YAML.readTree(Files.readAllBytes(file));
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return YAML.createObjectNode();
            }
            if (!tree.isObject()) {
                throw new ConfigException(file.toString(), List.of("(document): must be a mapping of fields"));
            }
            return tree;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found"));
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new ConfigException(file.toString(), List.of((location == null ? "(document)"
                    : "line " + location.getLineNr()) + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    /** A narrowing file's fields as a layer, every problem of the file at once. */
    private static ConfigLayer layer(Path file, JsonNode tree) {
        List<String> problems = new ArrayList<>();
        fields(tree, "", FIELDS, problems);
        List<String> allowed = tree.has("allowedProviders") ? texts(tree.get("allowedProviders"), "allowedProviders",
                problems) : null;
        List<LaneNarrowing> lanes = new ArrayList<>();
        JsonNode laneList = tree.get("lanes");
        if (laneList != null && !laneList.isNull()) {
            if (!laneList.isArray()) {
                problems.add("lanes: must be a list of lanes, each with its name");
            } else {
                for (int i = 0; i < laneList.size(); i++) {
                    JsonNode lane = laneList.get(i);
                    String path = "lanes[" + i + "]";
                    if (lane == null || !lane.isObject()) {
                        problems.add(path + ": must be a lane with its name, e.g. {name: execution, models: [...]}");
                        continue;
                    }
                    fields(lane, path + ".", LANE_FIELDS, problems);
                    JsonNode name = lane.get("name");
                    lanes.add(new LaneNarrowing(name == null || !name.isTextual() ? null : name.asText(),
                            lane.has("models") ? texts(lane.get("models"), path + ".models", problems) : null,
                            decimal(lane.get("budgetUsd"), path + ".budgetUsd", problems)));
                }
            }
        }
        BudgetSettings budgets = BudgetSettings.NONE;
        JsonNode b = tree.get("budgets");
        if (b != null && !b.isNull()) {
            if (!b.isObject()) {
                problems.add("budgets: must be a mapping of caps, e.g. {perBuildUsd: \"1.00\"}");
            } else {
                fields(b, "budgets.", BUDGET_FIELDS, problems);
                budgets = new BudgetSettings(decimal(b.get("perCallUsd"), "budgets.perCallUsd", problems),
                        decimal(b.get("perStepUsd"), "budgets.perStepUsd", problems),
                        decimal(b.get("perBuildUsd"), "budgets.perBuildUsd", problems),
                        decimal(b.get("perJobMonthUsd"), "budgets.perJobMonthUsd", problems),
                        decimal(b.get("globalPerDayUsd"), "budgets.globalPerDayUsd", problems));
            }
        }
        List<String> protectedPaths = null;
        Boolean allowEscalation = null;
        JsonNode policy = tree.get("policy");
        if (policy != null && !policy.isNull()) {
            if (!policy.isObject()) {
                problems.add("policy: must be a mapping, e.g. {protectedPaths: [\"payments/**\"]}");
            } else {
                fields(policy, "policy.", POLICY_FIELDS, problems);
                protectedPaths = policy.has("protectedPaths")
                        ? texts(policy.get("protectedPaths"), "policy.protectedPaths", problems) : null;
                JsonNode escalation = policy.get("allowEscalation");
                if (escalation != null && !escalation.isNull()) {
                    if (escalation.isBoolean()) {
                        allowEscalation = escalation.asBoolean();
                    } else {
                        problems.add("policy.allowEscalation: must be false (a narrowing file may only turn"
                                + " escalation off), was " + escalation);
                    }
                }
            }
        }
        RiskClass riskClass = null;
        JsonNode risk = tree.get("riskClass");
        if (risk != null && !risk.isNull()) {
            try {
                riskClass = RiskClass.parse(risk.asText());
            } catch (IllegalArgumentException e) {
                problems.add("riskClass: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(file.toString(), problems);
        }
        return new ConfigLayer(LayerOrigin.file(file.toString()), allowed, lanes, budgets, protectedPaths,
                allowEscalation, riskClass);
    }

    /** Reports every field of {@code node} a narrowing file may not hold: base-only ones with why, others with a hint. */
    private static void fields(JsonNode node, String prefix, List<String> known, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (known.contains(name)) {
                continue;
            }
            String path = prefix + name;
            if (path.equals("providers")) {
                problems.add("providers: a narrowing file cannot define providers (they hold endpoints and"
                        + " credentials, which only the base configuration sets); remove it and pick among the base's"
                        + " providers with allowedProviders");
            } else if (List.of("models", "priceFiles", "routing", "audit", "policy.gateEnvironment",
                    "policy.allowSensitive", "escalateTo", "allowSameFamily").contains(prefix.isEmpty() ? name
                            : path.startsWith("lanes[") ? name : path)) {
                problems.add(path + ": only the base configuration sets this, since a layer may only narrow; remove"
                        + " it (" + MAY_HOLD + ")");
            } else {
                problems.add(path + ": unknown field '" + name + "'"
                        + Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("")
                        + "; known fields: " + String.join(", ", known));
            }
        }
    }

    private static List<String> texts(JsonNode node, String path, List<String> problems) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            problems.add(path + ": must be a list, e.g. [a, b]");
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item == null || item.isNull() || !item.isValueNode()) {
                problems.add(path + "[" + i + "]: must be text");
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }

    private static BigDecimal decimal(JsonNode node, String path, List<String> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip());
        } catch (NumberFormatException e) {
            problems.add(path + ": '" + node.asText() + "' is not an amount of USD");
            return null;
        }
    }
}
