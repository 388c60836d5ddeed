package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the report compares the run with: every billed attempt priced on one premium model.
 *
 * @param premiumModel {@code provider/model} of the reasoning lane's primary model
 * @param priceOf that model's exact cost of a usage, cache buckets at its own rates
 */
public record Counterfactual(String premiumModel, Function<Usage, BigDecimal> priceOf) {

    public Counterfactual {
        Objects.requireNonNull(premiumModel, "premiumModel");
        Objects.requireNonNull(priceOf, "priceOf");
    }
}
