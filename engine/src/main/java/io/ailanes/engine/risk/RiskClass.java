package io.ailanes.engine.risk;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How much a job's changes can hurt, as its admin classes it: {@code low} (internal tooling), {@code high}
 * (customer-facing code), {@code critical} (security-sensitive code). Ordered: a lower configuration layer may
 * raise a class, never lower it.
 */
public enum RiskClass {
    LOW, HIGH, CRITICAL;

    /** The label used in configuration files, forms and reports: {@code low}, {@code high}, {@code critical}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this class is at least as strict as {@code other}. */
    public boolean atLeast(RiskClass other) {
        return compareTo(other) >= 0;
    }

    /** The class a label names, ignoring case; a clear error naming the labels otherwise. */
    public static RiskClass parse(String label) {
        if (label != null) {
            for (RiskClass c : values()) {
                if (c.label().equalsIgnoreCase(label.trim())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("unknown risk class '" + label + "': use one of "
                + Arrays.stream(values()).map(RiskClass::label).collect(Collectors.joining(", ")));
    }
}
