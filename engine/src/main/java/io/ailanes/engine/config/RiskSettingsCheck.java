package io.ailanes.engine.config;

import io.ailanes.engine.option.Choice;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.price.Suggestions;
import io.ailanes.engine.risk.RiskClass;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The checks of {@code riskClass} and {@code riskClasses}, for {@link ValidatedConfig}: every problem with its path. */
final class RiskSettingsCheck {

    private RiskSettingsCheck() {}

    static void problems(AiLanesConfig config, List<String> problems) {
        if (config.riskClass() != null) {
            try {
                RiskClass.parse(config.riskClass());
            } catch (IllegalArgumentException e) {
                problems.add("riskClass: " + e.getMessage());
            }
        }
        Set<String> lanes = new LinkedHashSet<>();
        config.lanes().forEach(l -> {
            if (l != null && l.name() != null) {
                lanes.add(l.name());
            }
        });
        Set<RiskClass> seen = new HashSet<>();
        List<String> labels = Arrays.stream(RiskClass.values()).map(RiskClass::id).toList();
        for (int i = 0; i < config.riskClasses().size(); i++) {
            RiskClassSettings s = config.riskClasses().get(i);
            String path = "riskClasses[" + i + "]";
            if (s == null) {
                problems.add(path + ": empty entry");
                continue;
            }
            if (s.name() == null || s.name().isBlank()) {
                problems.add(path + ".name: missing; use one of " + String.join(", ", labels));
            } else {
                try {
                    RiskClass c = RiskClass.parse(s.name());
                    if (!seen.add(c)) {
                        problems.add(path + ".name: class '" + c.id() + "' is configured twice; keep one entry");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(path + ".name: " + e.getMessage()
                            + Suggestions.closest(s.name(), labels).map(x -> "; did you mean '" + x + "'?").orElse(""));
                }
            }
            lanes(path + ".planLanes", s.planLanes(), lanes, problems);
            lanes(path + ".implementLanes", s.implementLanes(), lanes, problems);
            lanes(path + ".reviewLanes", s.reviewLanes(), lanes, problems);
            if (s.failOn() != null) {
                failOn(path + ".failOn", s.failOn(), problems);
            }
            globs(path + ".protectedPaths", s.protectedPaths(), problems);
            globs(path + ".sensitivePaths", s.sensitivePaths(), problems);
            // allowedRegions: with the other region settings, in ResidencySettings.
            if (s.approvers() != null) {
                for (int j = 0; j < s.approvers().size(); j++) {
                    String a = s.approvers().get(j);
                    if (a == null || a.isBlank() || a.contains(",")) {
                        problems.add(path + ".approvers[" + j + "]: " + (a == null || a.isBlank() ? "empty entry"
                                : "'" + a + "' holds a comma; give one user id or group name per entry"));
                    }
                }
            }
        }
    }

    /**
     * A class's review floor: one of {@link FailOn}'s values (its parse names them all), and one that can fail a
     * build, since a floor of {@code never} would let every review pass.
     */
    private static void failOn(String path, String value, List<String> problems) {
        FailOn failOn;
        try {
            failOn = FailOn.of(value);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return;
        }
        if (!FailOn.floors().contains(failOn)) {
            problems.add(path + ": '" + failOn.id() + "' is no floor; use " + Choice.ids(FailOn.floors())
                    + ", or leave it out");
        }
    }

    /** A lane a class allows must exist (with no lanes configured yet, nothing can be checked). */
    private static void lanes(String path, List<String> names, Set<String> lanes, List<String> problems) {
        if (names == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                problems.add(path + "[" + i + "]: empty entry");
            } else if (!lanes.isEmpty() && !lanes.contains(name)) {
                problems.add(path + "[" + i + "]: unknown lane '" + name + "'"
                        + Suggestions.closest(name, List.copyOf(lanes)).map(x -> "; did you mean '" + x + "'?").orElse("")
                        + "; the configured lanes are " + String.join(", ", lanes));
            }
        }
    }

    private static void globs(String path, List<String> globs, List<String> problems) {
        if (globs != null) {
            ValidatedConfig.globs(path, globs, problems);
        }
    }
}
