package io.ailanes.engine.forecast;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Nearest-rank quantiles: the p-th percentile of n values sorted ascending is the value at rank
 * {@code ceil(p / 100 * n)} (1-based). Always one of the observed amounts, never an interpolation, so a forecast
 * is a cost some past build really had (at today's prices).
 */
final class Quantiles {

    private Quantiles() {}

    /** The 1-based nearest rank of the {@code percent}-th percentile among {@code n} values. */
    public static int rank(int percent, int n) {
        if (percent <= 0 || percent > 100 || n <= 0) {
            throw new IllegalArgumentException("percentile " + percent + " of " + n + " values");
        }
        // ceil(percent * n / 100) in integers: exact, no floating point.
        return Math.max(1, (percent * n + 99) / 100);
    }

    /** The nearest-rank {@code percent}-th percentile of {@code values} (any order; not changed). */
    public static BigDecimal nearestRank(List<BigDecimal> values, int percent) {
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(BigDecimal::compareTo);
        return sorted.get(rank(percent, sorted.size()) - 1);
    }
}
