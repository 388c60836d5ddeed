package io.ailanes.engine.budget;

import java.math.BigDecimal;

/** Formats exact USD amounts for people: at least cents, never rounded away ({@code $0.000375} stays). */
public final class Usd {

    private Usd() {}

    public static String format(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        if (plain.scale() < 2) {
            plain = plain.setScale(2);
        }
        String digits = plain.abs().toPlainString();
        return (plain.signum() < 0 ? "-$" : "$") + digits;
    }
}
