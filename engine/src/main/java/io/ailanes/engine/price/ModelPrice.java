package io.ailanes.engine.price;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a model costs and what it can take.
 *
 * @param ref {@code provider/model}
 * @param prices the base prices
 * @param tiers prices above input-size thresholds, any order
 * @param source where the prices come from
 * @param asOf the date the prices were taken, or null for prices set in a configuration
 * @param contextWindow input tokens the model accepts, or null if unknown
 * @param maxOutputTokens output tokens the model can produce, or null if unknown
 * @param family the vendor family, for reviewer diversity
 * @param aliases other names of the model (dated snapshots)
 */
public record ModelPrice(
        String ref,
        TokenPrices prices,
        List<PriceTier> tiers,
        String source,
        LocalDate asOf,
        Long contextWindow,
        Long maxOutputTokens,
        String family,
        List<String> aliases) {

    public ModelPrice {
        if (ref == null || ref.indexOf('/') <= 0) {
            throw new IllegalArgumentException("model reference '" + ref + "' must be provider/model");
        }
        Objects.requireNonNull(prices, "prices of " + ref);
        tiers = tiers == null ? List.of() : tiers.stream()
                .sorted(Comparator.comparingLong(PriceTier::aboveInputTokens)).toList();
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        family = family == null || family.isBlank() ? ref.substring(0, ref.indexOf('/')) : family;
    }

    /** The prices that apply to a call with this many input tokens (all kinds together). */
    public TokenPrices pricesFor(long totalInputTokens) {
        TokenPrices applicable = prices;
        for (PriceTier tier : tiers) {
            if (totalInputTokens > tier.aboveInputTokens()) {
                applicable = tier.prices();
            }
        }
        return applicable;
    }
}
