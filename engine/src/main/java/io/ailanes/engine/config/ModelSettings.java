package io.ailanes.engine.config;

import java.math.BigDecimal;
import java.util.List;

/**
 * A model as written in {@code ai-lanes.yaml}: adds a model the bundled catalog lacks, or overrides what it
 * says. Fields left out keep the catalog's values.
 *
 * @param ref {@code provider/model}
 * @param price USD per million tokens
 * @param contextWindow input tokens the model accepts
 * @param maxOutputTokens output tokens it can produce
 * @param family the vendor family (reviewer diversity): anthropic, openai, google, deepseek, qwen, ...
 * @param aliases other names the provider reports for it
 */
public record ModelSettings(
        String ref,
        PriceSettings price,
        Long contextWindow,
        Long maxOutputTokens,
        String family,
        List<String> aliases) {

    /** Prices in USD per million tokens; input and output are required when the catalog has no price. */
    public record PriceSettings(
            BigDecimal input,
            BigDecimal output,
            BigDecimal cacheRead,
            BigDecimal cacheWrite,
            BigDecimal cacheWrite1h,
            BigDecimal reasoning) {}
}
