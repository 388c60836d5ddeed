package io.ailanes.engine.price;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;

/**
 * The one place a call's cost is computed: each token bucket of the provider-reported usage at its own
 * price, from the tier the call's total input selects. BigDecimal throughout: a price per million tokens
 * times a count, divided by 10^6, is exact (a shift of the decimal point), so no rounding happens at all.
 */
public final class CostCalculator {

    private CostCalculator() {}

    public static Cost cost(ModelPrice price, Usage usage) {
        TokenPrices rates = price.pricesFor(usage.totalInputTokens());
        BigDecimal input = amount(usage.inputTokens(), rates.input());
        BigDecimal cacheRead = amount(usage.cacheReadTokens(), rates.cacheReadRate());
        BigDecimal cacheWrite = amount(usage.cacheWriteTokens(), rates.cacheWriteRate())
                .add(amount(usage.cacheWrite1hTokens(), rates.cacheWrite1hRate()));
        BigDecimal output = amount(usage.outputTokens(), rates.output());
        BigDecimal reasoning = amount(usage.reasoningTokens(), rates.reasoningRate());
        BigDecimal total = input.add(cacheRead).add(cacheWrite).add(output).add(reasoning);
        return new Cost(input, cacheRead, cacheWrite, output, reasoning, total);
    }

    /**
     * The most a call can cost: every input token at the dearest input rate of the tier the input selects,
     * every output token at the dearer of the output and reasoning rates. Budgets reserve this.
     */
    public static BigDecimal worstCase(ModelPrice price, long inputTokens, long maxOutputTokens) {
        TokenPrices rates = price.pricesFor(inputTokens);
        return amount(inputTokens, inputRate(rates)).add(amount(maxOutputTokens, outputRate(rates)));
    }

    /**
     * The price of one input token in the worst case: plain input, or a 5-minute prompt-cache write where
     * that costs more (Anthropic bills writes at 1.25x input; AI Lanes never asks for 1-hour writes).
     */
    public static BigDecimal inputRate(TokenPrices rates) {
        return rates.input().max(rates.cacheWriteRate());
    }

    /** The price of one output token in the worst case (reasoning may be dearer than output). */
    public static BigDecimal outputRate(TokenPrices rates) {
        return rates.reasoningRate().max(rates.output());
    }

    /** USD for {@code tokens} at {@code perMillion} USD per million tokens, exact. */
    public static BigDecimal amount(long tokens, BigDecimal perMillion) {
        return perMillion.multiply(BigDecimal.valueOf(tokens)).movePointLeft(6);
    }
}
