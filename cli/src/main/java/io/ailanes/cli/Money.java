package io.ailanes.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the CLI prints USD amounts: exact to 1e-9 in JSON, readable on the terminal. */
final class Money {

    private Money() {}

    /** Exact, without exponent: {@code 0.000123456}. */
    static String plain(BigDecimal amount) {
        return amount.setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** For people: {@code $0.000123}, at least two and at most six decimals. */
    static String usd(BigDecimal amount) {
        BigDecimal rounded = amount.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (rounded.scale() < 2) {
            rounded = rounded.setScale(2, RoundingMode.UNNECESSARY);
        }
        return "$" + rounded.toPlainString();
    }
}
