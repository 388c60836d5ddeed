package io.ailanes.engine.config;

import java.util.List;

/**
 * A lane as written in {@code ai-lanes.yaml}: a named, ordered list of models (primary first, then
 * fallbacks).
 *
 * @param name {@code reasoning}, {@code execution}, {@code review}, or any name a step refers to
 * @param models model references, {@code provider/model}, in order of preference
 * @param escalateTo the lane an implement step may escalate to when this one cannot pass the gates
 * @param allowSameFamily for a review lane: whether a model of the implementer's family may review
 * @param budgetUsd the most this lane may spend in one run (escalations to it included), or null
 */
public record LaneSettings(String name, List<String> models, String escalateTo, Boolean allowSameFamily,
        java.math.BigDecimal budgetUsd) {

    public LaneSettings {
        models = AiLanesConfig.copy(models);
    }
}
