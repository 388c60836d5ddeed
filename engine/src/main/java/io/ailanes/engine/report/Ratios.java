package io.ailanes.engine.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Shares and percentages of the report, with a null where the denominator is zero. */
public final class Ratios {

    /** Fractions (cache shares) keep four places: 0.8123 is 81.23 %. */
    static final int SHARE_SCALE = 4;
    static final int PERCENT_SCALE = 2;

    private Ratios() {}

    /** {@code part / whole} as a fraction with four places, or null when whole is zero. */
    static BigDecimal share(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), SHARE_SCALE, RoundingMode.HALF_EVEN);
    }

    /** {@code 100 * part / whole} with two places, or null when whole is zero. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole == null || whole.signum() == 0) {
            return null;
        }
        return part.multiply(BigDecimal.valueOf(100))
                .divide(whole, MathContext.DECIMAL128)
                .setScale(PERCENT_SCALE, RoundingMode.HALF_EVEN);
    }
}
