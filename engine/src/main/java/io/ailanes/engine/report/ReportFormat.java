package io.ailanes.engine.report;

import io.ailanes.engine.budget.Usd;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers read on the page: dollars to the cent (or four significant digits under a dollar), grouped. */
final class ReportFormat {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private ReportFormat() {}

    /** Dollars for reading: cents from a dollar up, four significant digits below ($0.004213) down to a millionth. */
    static String usd(BigDecimal amount) {
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

    /** The exact amount, for tooltips and the fine print. */
    static String exactUsd(BigDecimal amount) {
        return Usd.format(amount);
    }

    static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** A percentage with at most one decimal ("78.8%"), or an en dash when unknown. */
    static String percent(BigDecimal percent) {
        if (percent == null) {
            return "\u2013";
        }
        return percent.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** A fraction (0..1) as a percentage. */
    static String share(BigDecimal fraction) {
        return fraction == null ? "\u2013" : percent(fraction.movePointRight(2));
    }

    static String time(Instant instant) {
        return instant == null ? "\u2013" : UTC.format(instant);
    }

    static String clock(Instant instant) {
        return CLOCK.format(instant);
    }

    static String duration(Instant from, Instant to) {
        if (from == null || to == null) {
            return "\u2013";
        }
        return duration(Duration.between(from, to).toMillis());
    }

    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return BigDecimal.valueOf(millis).movePointLeft(3).setScale(1, RoundingMode.HALF_UP) + " s";
        }
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0 ? hours + " h " + minutes + " min" : minutes + " min " + rest + " s";
    }
}
