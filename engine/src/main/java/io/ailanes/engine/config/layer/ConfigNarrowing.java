package io.ailanes.engine.config.layer;

import java.util.Locale;
import io.ailanes.engine.residency.DataRegions;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.BudgetSettings;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.LaneSettings;
import io.ailanes.engine.config.PolicySettings;
import io.ailanes.engine.config.ProviderSettings;
import io.ailanes.engine.edit.Glob;
import io.ailanes.engine.risk.RiskClass;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Computes the effective configuration of a build (or CLI run) from the base configuration and the layers under it,
 * outermost first: each layer may narrow what the layers above allow, never widen it. Every widening attempt is an
 * error naming the layer, the field, the value above and the value attempted, and what to do; all are reported at
 * once. The result carries, for each value, the layer that set it.
 */
public final class ConfigNarrowing {

    private ConfigNarrowing() {}

    /**
     * @param base the base configuration (Jenkins: global; CLI: the first file)
     * @param baseOrigin where it comes from
     * @param layers the layers, outermost first; layers that narrow nothing are skipped
     * @throws ConfigException listing every widening attempt and every lane left without a model
     */
    public static EffectiveConfig narrow(AiLanesConfig base, LayerOrigin baseOrigin, List<ConfigLayer> layers) {
        State state = new State(base, baseOrigin);
        List<LayerOrigin> applied = new ArrayList<>();
        applied.add(baseOrigin);
        for (ConfigLayer layer : layers) {
            if (layer == null || layer.isEmpty()) {
                continue;
            }
            applied.add(layer.origin());
            state.apply(layer);
        }
        state.checkLanes();
        if (!state.problems.isEmpty()) {
            throw new ConfigException("the configuration layers "
                    + applied.stream().map(LayerOrigin::label).collect(Collectors.joining(" > ")), state.problems);
        }
        return state.result(applied);
    }

    /** A value and the layer that set it. */
    private record Held<T>(T value, LayerOrigin origin) {}

    /** One lane as narrowed so far. */
    private static final class LaneState {
        final LaneSettings settings;
        List<String> models;
        LayerOrigin modelsOrigin;
        BigDecimal budget;
        LayerOrigin budgetOrigin;
        /** The layers whose allowed providers dropped some of this lane's models, with the providers they kept. */
        final List<String> droppedBy = new ArrayList<>();

        LaneState(LaneSettings settings, LayerOrigin origin) {
            this.settings = settings;
            this.models = new ArrayList<>(settings.models());
            this.modelsOrigin = origin;
            this.budget = settings.budgetUsd();
            this.budgetOrigin = origin;
        }
    }

    private static final class State {
        final AiLanesConfig base;
        final LayerOrigin baseOrigin;
        final List<String> problems = new ArrayList<>();
        final List<String> configured = new ArrayList<>();
        List<String> providers;
        LayerOrigin providersOrigin;
        final Map<String, LayerOrigin> providerDroppedBy = new LinkedHashMap<>();
        final Map<String, LaneState> lanes = new LinkedHashMap<>();
        final Map<String, LayerOrigin> modelDroppedBy = new LinkedHashMap<>();
        final Map<String, Held<BigDecimal>> budgets = new LinkedHashMap<>();
        final Map<String, LayerOrigin> protectedPaths = new LinkedHashMap<>();
        Held<Boolean> escalation;
        Held<RiskClass> risk;
        /** The allowed data regions, lower-cased; null while no layer restricts them. */
        Held<List<String>> regions;

        State(AiLanesConfig base, LayerOrigin origin) {
            this.base = base;
            this.baseOrigin = origin;
            for (ProviderSettings p : base.providers()) {
                if (p != null && p.id() != null) {
                    configured.add(p.id());
                }
            }
            providers = new ArrayList<>(configured);
            providersOrigin = origin;
            for (LaneSettings lane : base.lanes()) {
                if (lane != null && lane.name() != null && !lane.name().isBlank()) {
                    lanes.putIfAbsent(lane.name(), new LaneState(lane, origin));
                }
            }
            BudgetSettings b = base.budgets();
            budgets.put("perCallUsd", new Held<>(b.perCallUsd(), origin));
            budgets.put("perStepUsd", new Held<>(b.perStepUsd(), origin));
            budgets.put("perBuildUsd", new Held<>(b.perBuildUsd(), origin));
            budgets.put("perJobMonthUsd", new Held<>(b.perJobMonthUsd(), origin));
            budgets.put("globalPerDayUsd", new Held<>(b.globalPerDayUsd(), origin));
            for (String glob : base.policy().protectedPaths()) {
                if (glob != null) {
                    protectedPaths.putIfAbsent(glob, origin);
                }
            }
            escalation = new Held<>(base.policy().escalationAllowed(), origin);
            risk = new Held<>(null, origin);
            List<String> baseRegions = base.policy().allowedRegions();
            regions = new Held<>(baseRegions == null ? null : lower(baseRegions), origin);
        }

        /** A layer's allowed regions: only those the layers above allow; none above means any. */
        private void allowRegions(LayerOrigin at, List<String> wanted) {
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                String region = wanted.get(i);
                String problem = DataRegions.problem(region);
                if (problem != null) {
                    problems.add(at.described() + ": policy.allowedRegions[" + i + "]: " + problem);
                    continue;
                }
                String name = region.strip().toLowerCase(Locale.ROOT);
                if (regions.value() != null && !regions.value().contains(name)) {
                    problems.add(at.described() + " allows data region " + name + ", which "
                            + regions.origin().described() + " does not allow " + DataRegions.format(regions.value())
                            + ": a " + at.kind() + " may only narrow policy.allowedRegions; remove " + name
                            + raise(regions.origin(), "allow " + name));
                } else if (!kept.contains(name)) {
                    kept.add(name);
                }
            }
            if (wanted.isEmpty()) {
                problems.add(at.described() + " sets policy.allowedRegions to no region, which allows no provider: list"
                        + " the regions to keep, or leave the field out to keep " + (regions.value() == null
                                ? "every region" : DataRegions.format(regions.value())));
            } else if (!kept.isEmpty() && !kept.equals(regions.value())) {
                regions = new Held<>(List.copyOf(kept), at);
            }
        }

        private static List<String> lower(List<String> names) {
            List<String> out = new ArrayList<>();
            for (String name : names) {
                out.add(name == null ? null : name.strip().toLowerCase(Locale.ROOT));
            }
            return out;
        }

        void apply(ConfigLayer layer) {
            LayerOrigin at = layer.origin();
            if (layer.allowedProviders() != null) {
                allowProviders(at, layer.allowedProviders());
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < layer.lanes().size(); i++) {
                LaneNarrowing lane = layer.lanes().get(i);
                if (lane == null || lane.name() == null || lane.name().isBlank()) {
                    problems.add(at.described() + ": lanes[" + i + "] needs the name of the lane it narrows");
                } else if (!seen.add(lane.name())) {
                    problems.add(at.described() + " narrows lane '" + lane.name() + "' twice: merge the two entries");
                } else {
                    narrowLane(at, lane);
                }
            }
            BudgetSettings b = layer.budgets();
            cap(at, "budgets.perCallUsd", budgets, "perCallUsd", b.perCallUsd());
            cap(at, "budgets.perStepUsd", budgets, "perStepUsd", b.perStepUsd());
            cap(at, "budgets.perBuildUsd", budgets, "perBuildUsd", b.perBuildUsd());
            cap(at, "budgets.perJobMonthUsd", budgets, "perJobMonthUsd", b.perJobMonthUsd());
            if (b.globalPerDayUsd() != null) {
                // One ledger scope for the whole controller (or every CLI run on a ledger): a layer lowering it
                // would lower it for every job, not only its own.
                problems.add(at.described() + " sets budgets.globalPerDayUsd " + b.globalPerDayUsd().toPlainString()
                        + ": that cap holds everything together, so only " + baseOrigin.described()
                        + " sets it; remove it (budgets.perJobMonthUsd or budgets.perBuildUsd cap this " + at.kind()
                        + "'s jobs)");
            }
            for (int i = 0; i < layer.protectedPaths().size(); i++) {
                String glob = layer.protectedPaths().get(i);
                String path = at.described() + ": policy.protectedPaths[" + i + "]";
                if (glob == null || glob.isBlank()) {
                    problems.add(path + ": empty entry");
                    continue;
                }
                try {
                    new Glob(glob);
                    protectedPaths.putIfAbsent(glob, at);
                } catch (IllegalArgumentException e) {
                    problems.add(path + ": " + e.getMessage());
                }
            }
            if (Boolean.FALSE.equals(layer.allowEscalation()) && escalation.value()) {
                escalation = new Held<>(false, at);
            } else if (Boolean.TRUE.equals(layer.allowEscalation()) && !escalation.value()) {
                problems.add(at.described() + " sets policy.allowEscalation true, but " + escalation.origin().described()
                        + " turned escalation off: a " + at.kind() + " may only turn escalation off; remove it"
                        + raise(escalation.origin(), "allow escalation"));
            }
            if (layer.allowedRegions() != null) {
                allowRegions(at, layer.allowedRegions());
            }
            RiskClass riskClass = layer.riskClass();
            if (riskClass != null) {
                if (risk.value() != null && !riskClass.atLeast(risk.value())) {
                    problems.add(at.described() + " sets riskClass " + riskClass.id() + " below "
                            + risk.value().id() + " of " + risk.origin().described() + ": a " + at.kind()
                            + " may only raise the risk class; remove it or set " + risk.value().id()
                            + " or stricter");
                } else if (risk.value() != riskClass) {
                    risk = new Held<>(riskClass, at);
                }
            }
        }

        private void allowProviders(LayerOrigin at, List<String> allowed) {
            if (allowed.isEmpty()) {
                problems.add(at.described() + " sets allowedProviders to no provider: list at least one of "
                        + providers + ", or leave allowedProviders out to keep them");
                return;
            }
            int before = problems.size();
            List<String> kept = new ArrayList<>();
            for (String id : allowed) {
                if (id == null || id.isBlank()) {
                    problems.add(at.described() + ": allowedProviders has an empty entry");
                } else if (providers.contains(id)) {
                    if (!kept.contains(id)) {
                        kept.add(id);
                    }
                } else if (providerDroppedBy.containsKey(id)) {
                    problems.add(at.described() + " allows provider '" + id + "', which "
                            + providerDroppedBy.get(id).described() + " already left out: a " + at.kind()
                            + " may only narrow the providers; remove it");
                } else {
                    problems.add(at.described() + " allows provider '" + id + "', which " + baseOrigin.described()
                            + " does not configure (configured: " + String.join(", ", configured) + "): a " + at.kind()
                            + " may only pick among them; remove it or ask the admin to add the provider");
                }
            }
            if (problems.size() > before) {
                return;
            }
            // Kept in the configured order: the order of providers means nothing, the order of models does.
            List<String> next = providers.stream().filter(kept::contains).toList();
            providers.stream().filter(id -> !next.contains(id)).forEach(id -> providerDroppedBy.put(id, at));
            if (!next.equals(providers)) {
                providers = new ArrayList<>(next);
                providersOrigin = at;
            }
            for (LaneState lane : lanes.values()) {
                List<String> left = lane.models.stream().filter(m -> m == null || next.contains(provider(m))).toList();
                if (left.size() < lane.models.size()) {
                    lane.models.stream().filter(m -> !left.contains(m)).forEach(m -> modelDroppedBy.put(lane.settings.name() + " " + m, at));
                    lane.models = new ArrayList<>(left);
                    lane.modelsOrigin = at;
                    lane.droppedBy.add(at.described() + " (allowedProviders " + next + ")");
                }
            }
        }

        private void narrowLane(LayerOrigin at, LaneNarrowing narrowing) {
            LaneState lane = lanes.get(narrowing.name());
            if (lane == null) {
                problems.add(at.described() + " narrows lane '" + narrowing.name() + "', which "
                        + baseOrigin.described() + " does not have (lanes: " + String.join(", ", lanes.keySet())
                        + "): a " + at.kind() + " cannot add a lane; remove it or ask the admin to add the lane");
                return;
            }
            String field = "lanes." + narrowing.name();
            if (narrowing.models() != null) {
                int before = problems.size();
                if (narrowing.models().isEmpty()) {
                    problems.add(at.described() + " lists no model for lane '" + narrowing.name()
                            + "': leave models out to keep " + lane.models);
                }
                Set<String> listed = new HashSet<>();
                for (String model : narrowing.models()) {
                    if (model == null || model.isBlank()) {
                        problems.add(at.described() + ": " + field + ".models has an empty entry; write provider/model");
                    } else if (!listed.add(model)) {
                        problems.add(at.described() + " lists " + model + " twice in lane '" + narrowing.name() + "'");
                    } else if (!lane.models.contains(model)) {
                        problems.add(notInLane(at, lane, model));
                    }
                }
                if (problems.size() == before && !narrowing.models().equals(lane.models)) {
                    lane.models = new ArrayList<>(narrowing.models());
                    lane.modelsOrigin = at;
                }
            }
            if (narrowing.budgetUsd() != null) {
                Held<BigDecimal> now = new Held<>(lane.budget, lane.budgetOrigin);
                Map<String, Held<BigDecimal>> one = new LinkedHashMap<>();
                one.put("lane", now);
                cap(at, field + ".budgetUsd", one, "lane", narrowing.budgetUsd());
                lane.budget = one.get("lane").value();
                lane.budgetOrigin = one.get("lane").origin();
            }
        }

        private String notInLane(LayerOrigin at, LaneState lane, String model) {
            String name = lane.settings.name();
            String prefix = at.described() + " lists " + model + " in lane '" + name + "'";
            LayerOrigin dropped = modelDroppedBy.get(name + " " + model);
            if (dropped != null && dropped.equals(at)) {
                return prefix + ", but its allowedProviders leave provider '" + provider(model) + "' out: allow the"
                        + " provider or remove the model";
            }
            if (dropped != null) {
                return prefix + ", which " + dropped.described() + " already removed: a " + at.kind()
                        + " may only narrow a lane's models; remove it";
            }
            if (lane.settings.models().contains(model)) {
                // Removed by an earlier layer's own model list.
                return prefix + ", which " + lane.modelsOrigin.described() + " already removed (it keeps "
                        + lane.models + "): a " + at.kind() + " may only narrow a lane's models; remove it";
            }
            return prefix + ", which the lane does not have (" + lane.models + " from " + lane.modelsOrigin.described()
                    + "): a " + at.kind() + " may only pick among a lane's models; remove it or ask the admin to add"
                    + " it to the lane in " + baseOrigin.described();
        }

        private void cap(LayerOrigin at, String path, Map<String, Held<BigDecimal>> caps, String key, BigDecimal value) {
            if (value == null) {
                return;
            }
            Held<BigDecimal> now = caps.get(key);
            if (value.signum() <= 0) {
                problems.add(at.described() + " sets " + path + " " + value.toPlainString()
                        + ": a cap must be a positive amount of USD");
            } else if (now.value() != null && value.compareTo(now.value()) > 0) {
                problems.add(at.described() + " sets " + path + " " + value.toPlainString() + " above the "
                        + now.value().toPlainString() + " of " + now.origin().described() + ": a " + at.kind()
                        + " may only lower a cap; remove it" + raise(now.origin(), "raise the cap"));
            } else if (now.value() == null || value.compareTo(now.value()) < 0) {
                caps.put(key, new Held<>(value, at));
            }
        }

        /** What to do instead: ask whoever set the value above. */
        private String raise(LayerOrigin above, String what) {
            return above.equals(baseOrigin)
                    ? " or ask the admin to " + what + " in " + above.described()
                    : " or " + what + " in " + above.described();
        }

        void checkLanes() {
            lanes.forEach((name, lane) -> {
                if (lane.models.isEmpty() && !lane.settings.models().isEmpty()) {
                    problems.add("lane '" + name + "' has no model left after " + String.join(" and ", lane.droppedBy)
                            + ": its models were " + lane.settings.models() + " in " + baseOrigin.described()
                            + "; allow the provider of one of them, or ask the admin to add a model of an allowed"
                            + " provider to the lane");
                }
            });
        }

        EffectiveConfig result(List<LayerOrigin> applied) {
            List<EffectiveValue> values = new ArrayList<>();
            values.add(new EffectiveValue("providers", providers.toString(), providersOrigin.label()));
            List<LaneSettings> effectiveLanes = new ArrayList<>();
            for (LaneSettings settings : base.lanes()) {
                LaneState lane = settings == null || settings.name() == null ? null : lanes.get(settings.name());
                if (lane == null || lane.settings != settings) {
                    effectiveLanes.add(settings); // left as written, for validation to report
                    continue;
                }
                effectiveLanes.add(new LaneSettings(settings.name(), lane.models, settings.escalateTo(),
                        settings.allowSameFamily(), lane.budget));
                values.add(new EffectiveValue("lanes." + settings.name() + ".models", lane.models.toString(),
                        lane.modelsOrigin.label()));
                if (lane.budget != null) {
                    values.add(new EffectiveValue("lanes." + settings.name() + ".budgetUsd", lane.budget.toPlainString(),
                            lane.budgetOrigin.label()));
                }
            }
            budgets.forEach((name, cap) -> {
                if (cap.value() != null) {
                    values.add(new EffectiveValue("budgets." + name, cap.value().toPlainString(), cap.origin().label()));
                }
            });
            if (!protectedPaths.isEmpty()) {
                values.add(new EffectiveValue("policy.protectedPaths", protectedPaths.keySet().toString(),
                        new LinkedHashSet<>(protectedPaths.values()).stream().map(LayerOrigin::label)
                                .collect(Collectors.joining(", "))));
            }
            values.add(new EffectiveValue("policy.allowEscalation", escalation.value().toString(),
                    escalation.origin().label()));
            if (risk.value() != null) {
                values.add(new EffectiveValue("riskClass", risk.value().id(), risk.origin().label()));
            }
            if (regions.value() != null) {
                values.add(new EffectiveValue("policy.allowedRegions", DataRegions.format(regions.value()),
                        regions.origin().label()));
            }
            List<ProviderSettings> effectiveProviders = base.providers().stream()
                    .filter(p -> p == null || p.id() == null || providers.contains(p.id())).toList();
            PolicySettings policy = base.policy();
            PolicySettings effectivePolicy = new PolicySettings(new ArrayList<>(protectedPaths.keySet()),
                    escalation.origin().equals(baseOrigin) ? policy.allowEscalation() : escalation.value(),
                    policy.gateEnvironment(), policy.allowSensitive(),
                    regions.origin().equals(baseOrigin) ? policy.allowedRegions() : regions.value());
            BudgetSettings effectiveBudgets = new BudgetSettings(budgets.get("perCallUsd").value(),
                    budgets.get("perStepUsd").value(), budgets.get("perBuildUsd").value(),
                    budgets.get("perJobMonthUsd").value(), budgets.get("globalPerDayUsd").value());
            AiLanesConfig config = new AiLanesConfig(effectiveProviders, base.models(), base.priceFiles(),
                    effectiveLanes, effectiveBudgets, base.routing(), effectivePolicy, base.audit(), base.riskClass(),
                    base.riskClasses());
            return new EffectiveConfig(config, risk.value(), applied, values);
        }

        private static String provider(String model) {
            int slash = model.indexOf('/');
            return slash < 0 ? model : model.substring(0, slash);
        }
    }
}
