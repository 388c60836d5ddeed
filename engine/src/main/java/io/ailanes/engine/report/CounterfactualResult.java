package io.ailanes.engine.report;

import java.math.BigDecimal;

/**
 * The run priced as if every billed attempt had gone to the premium model.
 *
 * @param premiumModel {@code provider/model} of the reasoning lane's primary model
 * @param actualUsd what the run cost
 * @param premiumUsd the same token volumes at the premium model's prices
 * @param savingUsd premium − actual; negative when the lanes cost more
 * @param savingPercent 100 × saving / premium with two places, or null when the premium cost is zero
 * @param pricedAttempts how many attempts were priced
 * @param note the assumption in plain words
 */
public record CounterfactualResult(String premiumModel, BigDecimal actualUsd, BigDecimal premiumUsd,
        BigDecimal savingUsd, BigDecimal savingPercent, long pricedAttempts, String note) {

    static CounterfactualResult of(String premiumModel, BigDecimal actual, BigDecimal premium, long priced) {
        BigDecimal saving = premium.subtract(actual);
        String note = "Every billed attempt of this run (retries included) priced with the same token volumes on "
                + premiumModel + " at its own list prices, cache reads and cache writes at its own cache rates. "
                + "A premium model might have needed fewer rounds or fewer tokens, so the saving is an estimate "
                + "of the price difference on identical volumes, not a measured outcome.";
        return new CounterfactualResult(premiumModel, actual, premium, saving, Ratios.percent(saving, premium),
                priced, note);
    }
}
