package io.ailanes.engine.option;

import java.util.Arrays;
import java.util.List;

/**
 * The severity threshold at which review findings fail a build: {@code high}, {@code medium}, {@code low} or
 * {@code never}. It lives here rather than in {@code review} because the configuration checks a risk class's
 * {@code failOn} floor too, and {@code config} sits below {@code review}: one enum owns the values, their order and
 * which severity reaches which threshold.
 */
public enum FailOn implements Choice {
    HIGH(3, "a high finding"),
    MEDIUM(2, "a medium or high finding"),
    LOW(1, "any finding"),
    NEVER(Integer.MAX_VALUE, "never");

    private final int threshold;
    private final String label;

    FailOn(int threshold, String label) {
        this.threshold = threshold;
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether a finding of this severity ({@code high}, {@code medium}, {@code low}) fails at this threshold. */
    public boolean reachedBy(String severity) {
        return severityRank(severity) >= threshold;
    }

    /** Whether this threshold lets more through than {@code other}: never, then high, medium, low. */
    public boolean looserThan(FailOn other) {
        return threshold > other.threshold;
    }

    /** The thresholds a risk class may set as its floor: every one that can fail a build (not {@code never}). */
    public static List<FailOn> floors() {
        return Arrays.stream(values()).filter(f -> f != NEVER).toList();
    }

    /** {@code high} 3, {@code medium} 2, {@code low} 1, anything else 0 (it reaches no threshold). */
    public static int severityRank(String severity) {
        if (severity == null) {
            return 0;
        }
        return switch (severity) {
            case "high" -> 3;
            case "medium" -> 2;
            case "low" -> 1;
            default -> 0;
        };
    }

    /** The threshold written {@code text}; the message names {@code failOn} and every allowed value. */
    public static FailOn of(String text) {
        return Choice.parse(FailOn.class, text, "failOn");
    }
}
