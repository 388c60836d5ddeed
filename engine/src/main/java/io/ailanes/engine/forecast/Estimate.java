package io.ailanes.engine.forecast;

import io.ailanes.engine.budget.Usd;
import java.math.BigDecimal;
import java.util.List;

/**
 * The cost of the next build (or of one step or lane in it) from {@code builds} past builds, re-priced at today's
 * prices: the nearest-rank median and 95th percentile ({@link Quantiles}). A figure the history is too short for
 * is null (see {@link #MIN_FOR_P50} and {@link #MIN_FOR_P95}), never a guess.
 *
 * @param builds how many past builds the figures rest on
 * @param p50 the median, or null below {@link #MIN_FOR_P50} builds
 * @param p95 the 95th percentile, or null below {@link #MIN_FOR_P95} builds
 */
public record Estimate(int builds, BigDecimal p50, BigDecimal p95) {

    /** Fewer builds than this give no median: with 1 to 4 the "median" is one or two builds' whims. */
    public static final int MIN_FOR_P50 = 5;

    /**
     * Fewer builds than this give no 95th percentile: by nearest rank, p95 of up to 19 builds is simply the
     * largest one (rank ceil(0.95 n) = n), so 20 is the first history whose p95 is a percentile at all.
     */
    public static final int MIN_FOR_P95 = 20;

    /** The estimate of {@code costs}, one per build. */
    public static Estimate of(List<BigDecimal> costs) {
        int n = costs.size();
        return new Estimate(n, n >= MIN_FOR_P50 ? Quantiles.nearestRank(costs, 50) : null,
                n >= MIN_FOR_P95 ? Quantiles.nearestRank(costs, 95) : null);
    }

    /** {@code not enough history: 3 builds, need 5}. */
    public static String notEnough(int builds, int need) {
        return "not enough history: " + builds + (builds == 1 ? " build" : " builds") + ", need " + need;
    }

    /** The median in words, or why there is none. */
    public String p50Text() {
        return p50 == null ? notEnough(builds, MIN_FOR_P50) : Usd.readable(p50);
    }

    /** The 95th percentile in words, or why there is none. */
    public String p95Text() {
        return p95 == null ? notEnough(builds, MIN_FOR_P95) : Usd.readable(p95);
    }

    /**
     * {@code p50 $0.41, p95 $1.20 (24 builds)}; {@code p50 $0.41 (8 builds); p95: not enough history: 8 builds, need
     * 20}; or {@code not enough history: 3 builds, need 5}.
     */
    public String text() {
        if (p50 == null) {
            return notEnough(builds, MIN_FOR_P50);
        }
        String count = " (" + builds + (builds == 1 ? " build)" : " builds)");
        return p95 == null
                ? "p50 " + Usd.readable(p50) + count + "; p95: " + notEnough(builds, MIN_FOR_P95)
                : "p50 " + Usd.readable(p50) + ", p95 " + Usd.readable(p95) + count;
    }
}
