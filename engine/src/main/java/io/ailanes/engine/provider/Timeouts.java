package io.ailanes.engine.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a call may take, phase by phase.
 *
 * @param connect establishing the TCP/TLS connection
 * @param firstByte from sending the request to the first byte of the response
 * @param idle the longest gap between two chunks of a response body (a stalled stream)
 * @param total the whole attempt, however steadily bytes arrive
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {

    public static final Timeouts DEFAULT =
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofMinutes(10));

    public Timeouts {
        requirePositive(connect, "connect");
        requirePositive(firstByte, "firstByte");
        requirePositive(idle, "idle");
        requirePositive(total, "total");
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("timeout '" + name + "' must be positive, was " + value);
        }
    }
}
