package io.ailanes.engine.budget;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Learns how much of {@link TokenEstimator}'s safety margin a provider's tokenizer actually needs, from the input
 * tokens providers report, and tightens the input estimate of later reservations within fixed bounds.
 *
 * <p><b>Key.</b> One history per configured provider and tokenizer family ({@code anthropic/ANTHROPIC},
 * {@code deepseek/DEEPSEEK}): the family decides the tokenizer, the provider decides what it counts and reports
 * (a proxy or gateway may add its own framing or normalise counts), and a provider that reports wrong numbers
 * then shifts only its own history. Families counted exactly ({@link Tokenizer#exact()}: OpenAI's) have no margin
 * to learn and are never calibrated.
 *
 * <p><b>Rule.</b> Over the last {@value #WINDOW} observations of a key, the factor is {@code 5/4 × max(reported /
 * estimated)}, clamped to [{@value #FLOOR}, 1]. With fewer than {@value #MIN_OBSERVATIONS} observations it is 1:
 * the estimate is used as it is (the behaviour without calibration). The calibrated estimate is
 * {@code ceil(factor × estimate)}: never below {@value #FLOOR} of the uncalibrated upper bound, never above it,
 * and never below 5/4 of the largest share of its estimate any recent call of the key was billed for. One call
 * billed above the current factor raises the factor on the next call (the maximum, not an average), and its
 * overrun, if any, is recorded by the ledger as such.
 *
 * <p>Thread-safe: {@link BudgetLedger} feeds it under its lock; the router reads it from many threads.
 */
public final class EstimatorCalibration {

    /** The lowest factor: the estimate keeps at least 1.2 × the cl100k count of the text and 0.8 of the framing. */
    public static final double FLOOR = 0.8;
    /** Observations kept per key. */
    public static final int WINDOW = 32;
    /** Below this many observations of a key its estimates are not changed. */
    public static final int MIN_OBSERVATIONS = 3;
    /** Headroom over the largest ratio seen: a call may need a quarter more of its estimate than any recent one. */
    public static final double HEADROOM = 1.25;

    /**
     * One call's input: the uncalibrated upper bound, the estimate reserved (after calibration) and what the
     * provider reported (all input tokens, cached or not).
     */
    public record Observation(String key, long estimated, long reserved, long reported) {
        public Observation {
            Objects.requireNonNull(key, "key");
            if (estimated <= 0 || reserved < 0 || reported < 0) {
                throw new IllegalArgumentException("calibration observation needs a positive estimate and"
                        + " non-negative counts: " + estimated + ", " + reserved + ", " + reported);
            }
        }

        double ratio() {
            return (double) reported / estimated;
        }
    }

    private final Map<String, Deque<Observation>> windows = new HashMap<>();

    /** The calibration key of a provider and tokenizer family, or null when the family is counted exactly. */
    public static String key(String provider, Tokenizer family) {
        return family.exact() ? null : provider + "/" + family.name();
    }

    public synchronized void observe(Observation observation) {
        if (observation.reported() == 0) {
            return; // nothing was counted (a blocked prompt, a fake): it says nothing about the tokenizer
        }
        Deque<Observation> window = windows.computeIfAbsent(observation.key(), k -> new ArrayDeque<>());
        window.addLast(observation);
        while (window.size() > WINDOW) {
            window.removeFirst();
        }
    }

    /** The factor applied to the key's estimates: 1 without enough history, else within [FLOOR, 1]. */
    public synchronized double factor(String key) {
        Observation worst = worst(key);
        return worst == null ? 1.0 : Math.min(1.0, Math.max(FLOOR, HEADROOM * worst.ratio()));
    }

    /** The observation with the largest reported/estimated ratio in the key's window, or null without enough history. */
    private Observation worst(String key) {
        Deque<Observation> window = key == null ? null : windows.get(key);
        if (window == null || window.size() < MIN_OBSERVATIONS) {
            return null;
        }
        Observation worst = null;
        for (Observation observation : window) {
            if (worst == null || observation.ratio() > worst.ratio()) {
                worst = observation;
            }
        }
        return worst;
    }

    /** How many observations the key's factor rests on. */
    public synchronized int observations(String key) {
        Deque<Observation> window = key == null ? null : windows.get(key);
        return window == null ? 0 : window.size();
    }

    /**
     * The calibrated estimate, in exact integer arithmetic: {@code min(estimate, max(ceil(4/5 × estimate),
     * ceil(5/4 × reported/estimated × estimate)))} for the window's largest ratio; the estimate itself without
     * enough history.
     */
    public synchronized long apply(String key, long estimate) {
        Observation worst = worst(key);
        if (worst == null || estimate <= 0 || HEADROOM * worst.ratio() >= 1.0) {
            return estimate;
        }
        try {
            long floor = ceilDiv(Math.multiplyExact(estimate, 4), 5); // FLOOR
            long learned = ceilDiv(Math.multiplyExact(Math.multiplyExact(estimate, worst.reported()), 5),
                    Math.multiplyExact(worst.estimated(), 4)); // HEADROOM × ratio
            return Math.min(estimate, Math.max(floor, learned));
        } catch (ArithmeticException tooLarge) {
            return estimate;
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** Every key with the number of observations it holds, for reports and tests. */
    public synchronized Map<String, Integer> keys() {
        Map<String, Integer> keys = new HashMap<>();
        windows.forEach((key, window) -> keys.put(key, window.size()));
        return keys;
    }
}
