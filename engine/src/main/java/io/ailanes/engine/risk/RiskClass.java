package io.ailanes.engine.risk;

import io.ailanes.engine.option.Choice;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How much a job's changes can hurt, as its admin classes it: {@code low} (internal tooling), {@code high}
 * (customer-facing code), {@code critical} (security-sensitive code). Ordered: a lower configuration layer may
 * raise a class, never lower it.
 */
public enum RiskClass implements Choice {
    LOW("low: internal tooling"),
    HIGH("high: customer-facing code"),
    CRITICAL("critical: security-sensitive code");

    private final String label;

    RiskClass(String label) {
        this.label = label;
    }

    /** How a form lists the class; configuration files and reports write its {@link #id()}. */
    @Override
    public String label() {
        return label;
    }

    /** Whether this class is at least as strict as {@code other}. */
    public boolean atLeast(RiskClass other) {
        return compareTo(other) >= 0;
    }

    /** The class an id names ({@code low}, ...), ignoring case; a clear error naming the ids otherwise. */
    public static RiskClass parse(String label) {
        if (label != null) {
            for (RiskClass c : values()) {
                if (c.id().equalsIgnoreCase(label.trim())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("unknown risk class '" + label + "': use one of "
                + Arrays.stream(values()).map(RiskClass::id).collect(Collectors.joining(", ")));
    }
}
