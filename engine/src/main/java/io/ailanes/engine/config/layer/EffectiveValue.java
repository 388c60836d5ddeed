package io.ailanes.engine.config.layer;

/**
 * One value of the effective configuration and the layer that set it.
 *
 * @param field the configuration path, e.g. {@code budgets.perBuildUsd}, {@code lanes.execution.models}
 * @param value the value as text, e.g. {@code 1.00}, {@code [deepseek/deepseek-chat]}
 * @param origin the layer that set it ({@link LayerOrigin#label()}); for added protected paths, every layer that
 *     added one, comma-separated
 */
public record EffectiveValue(String field, String value, String origin) {}
