package io.ailanes.engine.budget;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

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

    /**
     * Dollars for reading, on pages and in summaries where {@link #format} would print nine decimals: cents from a
     * dollar up (grouped), four significant digits below ($0.004213), down to a millionth. Totals and the figures
     * people reconcile stay exact (cost.json, the report's fine print).
     */
    public static String readable(BigDecimal amount) {
        BigDecimal abs = amount.abs();
        BigDecimal shown;
        if (abs.signum() == 0) {
            shown = BigDecimal.ZERO.setScale(2);
        } else if (abs.compareTo(BigDecimal.ONE) >= 0) {
            shown = abs.setScale(2, RoundingMode.HALF_UP);
        } else {
            shown = abs.round(new MathContext(4, RoundingMode.HALF_UP));
            if (shown.scale() > 6) {
                shown = shown.setScale(6, RoundingMode.HALF_UP);
            }
            shown = shown.stripTrailingZeros();
            if (shown.scale() < 2) {
                shown = shown.setScale(2);
            }
        }
        DecimalFormat grouped = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
        grouped.setMinimumFractionDigits(shown.scale());
        grouped.setMaximumFractionDigits(shown.scale());
        grouped.setParseBigDecimal(true);
        String digits = grouped.format(shown);
        return (amount.signum() < 0 ? "-$" : "$") + digits;
    }
}
