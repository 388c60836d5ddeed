package io.ailanes.engine.price;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Prices in USD per million tokens, one per token kind.
 *
 * @param input plain input tokens
 * @param output visible output tokens
 * @param cacheRead input tokens read from the prompt cache; null when the provider gives no discount (billed as input)
 * @param cacheWrite input tokens written to a 5-minute cache; null when writing costs nothing extra (billed as input)
 * @param cacheWrite1h input tokens written to a 1-hour cache; null means the 5-minute write price applies
 * @param reasoning reasoning tokens; null means they are billed as output (the usual case)
 */
public record TokenPrices(
        BigDecimal input,
        BigDecimal output,
        BigDecimal cacheRead,
        BigDecimal cacheWrite,
        BigDecimal cacheWrite1h,
        BigDecimal reasoning) {

    public TokenPrices {
        requireNonNegative(Objects.requireNonNull(input, "input price"), "input");
        requireNonNegative(Objects.requireNonNull(output, "output price"), "output");
        requireNonNegative(cacheRead, "cacheRead");
        requireNonNegative(cacheWrite, "cacheWrite");
        requireNonNegative(cacheWrite1h, "cacheWrite1h");
        requireNonNegative(reasoning, "reasoning");
    }

    /** The rate that applies to cache reads. */
    public BigDecimal cacheReadRate() {
        return cacheRead != null ? cacheRead : input;
    }

    /** The rate that applies to 5-minute cache writes. */
    public BigDecimal cacheWriteRate() {
        return cacheWrite != null ? cacheWrite : input;
    }

    /** The rate that applies to 1-hour cache writes. */
    public BigDecimal cacheWrite1hRate() {
        return cacheWrite1h != null ? cacheWrite1h : cacheWriteRate();
    }

    /** The rate that applies to reasoning tokens. */
    public BigDecimal reasoningRate() {
        return reasoning != null ? reasoning : output;
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException(name + " price cannot be negative, was " + value);
        }
    }
}
