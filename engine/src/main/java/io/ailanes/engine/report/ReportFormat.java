package io.ailanes.engine.report;

import io.ailanes.engine.budget.Usd;
import java.math.BigDecimal;
import java.math.RoundingMode;
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

    /** Dollars for reading ({@link Usd#readable}). */
    static String usd(BigDecimal amount) {
        return Usd.readable(amount);
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
