package io.ailanes.engine.config.layer;

import io.ailanes.engine.config.BudgetSettings;
import io.ailanes.engine.risk.RiskClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One layer over the base configuration (a Jenkins folder, a CLI narrowing file), holding only what a layer may
 * narrow. Every field may be left unset (null, or empty for the lists); {@link ConfigNarrowing} refuses any value that
 * would widen what the layers above allow.
 *
 * @param origin where the layer comes from, for provenance and messages
 * @param allowedProviders the provider ids kept, a subset of those configured; models of other providers drop out of
 *     the lanes. Null keeps them all.
 * @param lanes narrowed lanes
 * @param budgets caps, each at or below the one above it (a cap the layers above leave unset may be set)
 * @param protectedPaths globs no change may touch, added to those above
 * @param allowEscalation only {@code false} (turns escalation off); null keeps it
 * @param riskClass the job's risk class, at least as strict as the one above; null keeps it
 */
public record ConfigLayer(
        LayerOrigin origin,
        List<String> allowedProviders,
        List<LaneNarrowing> lanes,
        BudgetSettings budgets,
        List<String> protectedPaths,
        Boolean allowEscalation,
        RiskClass riskClass) {

    public ConfigLayer {
        Objects.requireNonNull(origin, "origin");
        allowedProviders = allowedProviders == null ? null : Collections.unmodifiableList(new ArrayList<>(allowedProviders));
        lanes = lanes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(lanes));
        budgets = budgets == null ? BudgetSettings.NONE : budgets;
        protectedPaths = protectedPaths == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(protectedPaths));
    }

    /** Whether the layer narrows nothing (a folder whose property was saved with every field empty). */
    public boolean isEmpty() {
        return allowedProviders == null && lanes.isEmpty() && BudgetSettings.NONE.equals(budgets)
                && protectedPaths.isEmpty() && allowEscalation == null && riskClass == null;
    }
}
