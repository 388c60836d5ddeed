package io.ailanes.engine.price;

import java.util.Objects;

/**
 * Prices that replace a model's base prices when a call's input is larger than a threshold (e.g. Gemini 2.5
 * Pro above 200k input tokens, Qwen3-Coder above 32k).
 *
 * @param aboveInputTokens the tier applies when the call's total input tokens exceed this
 * @param prices the prices of the tier
 */
public record PriceTier(long aboveInputTokens, TokenPrices prices) {

    public PriceTier {
        if (aboveInputTokens < 0) {
            throw new IllegalArgumentException("tier threshold cannot be negative, was " + aboveInputTokens);
        }
        Objects.requireNonNull(prices, "prices");
    }
}
