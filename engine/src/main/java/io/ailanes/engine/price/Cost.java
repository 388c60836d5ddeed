package io.ailanes.engine.price;

import java.math.BigDecimal;

/**
 * What a call cost in USD, by token kind, exact.
 *
 * @param input plain input
 * @param cacheRead cached input reads
 * @param cacheWrite cache writes (5-minute and 1-hour)
 * @param output visible output
 * @param reasoning reasoning output
 * @param total the sum
 */
public record Cost(
        BigDecimal input, BigDecimal cacheRead, BigDecimal cacheWrite, BigDecimal output, BigDecimal reasoning,
        BigDecimal total) {}
