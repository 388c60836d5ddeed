package io.ailanes.engine.config;

import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.price.PriceCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the lanes of a configuration, checking every model reference against the configured providers
 * and the price catalog, and every escalation against the lanes; all problems are reported at once.
 */
public final class LanesFactory {

    private LanesFactory() {}

    /**
     * @param providerIds the configured provider ids
     * @param catalog the price catalog, overrides included
     * @throws ConfigException listing every problem with its path
     */
    public static Map<String, Lane> lanes(AiLanesConfig config, Set<String> providerIds, PriceCatalog catalog,
            String source) {
        List<String> problems = new ArrayList<>();
        Map<String, Lane> lanes = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.lanes().size(); i++) {
            LaneSettings settings = config.lanes().get(i);
            String path = "lanes[" + i + "]";
            if (settings == null) {
                problems.add(path + ": empty entry");
                continue;
            }
            if (settings.name() == null || settings.name().isBlank()) {
                problems.add(path + ".name: missing");
                continue;
            }
            if (!names.add(settings.name())) {
                problems.add(path + ".name: duplicate lane '" + settings.name() + "'");
            }
            if (settings.models().isEmpty()) {
                problems.add(path + ".models: a lane needs at least one model");
            }
            List<ModelRef> refs = new ArrayList<>();
            for (int m = 0; m < settings.models().size(); m++) {
                String text = settings.models().get(m);
                String modelPath = "lanes." + settings.name() + "[" + m + "]";
                if (text == null || text.isBlank()) {
                    problems.add(modelPath + ": empty entry; write provider/model");
                    continue;
                }
                ModelRef ref;
                try {
                    ref = ModelRef.parse(text);
                } catch (IllegalArgumentException e) {
                    problems.add(modelPath + ": " + e.getMessage());
                    continue;
                }
                if (!providerIds.contains(ref.provider())) {
                    problems.add(modelPath + ": no provider '" + ref.provider() + "' for model \"" + text
                            + "\"; configured providers: " + String.join(", ", providerIds));
                } else if (catalog.find(text).isEmpty()) {
                    problems.add(modelPath + ": unknown model \"" + text + "\""
                            + catalog.suggest(text).map(s -> "; did you mean \"" + s + "\"?")
                                    .orElse("; give it a price under models: in the configuration"));
                }
                refs.add(ref);
            }
            if (!refs.isEmpty() && refs.size() == settings.models().size()) {
                lanes.put(settings.name(), new Lane(settings.name(), refs, settings.escalateTo(),
                        Boolean.TRUE.equals(settings.allowSameFamily())));
            }
        }
        for (int i = 0; i < config.lanes().size(); i++) {
            LaneSettings settings = config.lanes().get(i);
            if (settings != null && settings.escalateTo() != null && !names.contains(settings.escalateTo())) {
                problems.add("lanes[" + i + "].escalateTo: no lane '" + settings.escalateTo() + "'");
            } else if (settings != null && settings.name() != null && settings.name().equals(settings.escalateTo())) {
                problems.add("lanes[" + i + "].escalateTo: a lane cannot escalate to itself");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return lanes;
    }
}
