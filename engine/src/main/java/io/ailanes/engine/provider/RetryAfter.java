package io.ailanes.engine.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Reads how long a provider asks us to wait: {@code retry-after-ms}, or {@code Retry-After} in seconds or as an HTTP-date. */
public final class RetryAfter {

    private RetryAfter() {}

    /** @param headers response headers, names in lower case */
    public static Optional<Duration> from(Map<String, String> headers, Clock clock) {
        String millis = headers.get("retry-after-ms");
        if (millis != null) {
            try {
                double value = Double.parseDouble(millis.strip());
                if (value >= 0 && Double.isFinite(value)) {
                    return Optional.of(Duration.ofMillis(Math.round(value)));
                }
            } catch (NumberFormatException ignored) {
                // Fall through to Retry-After.
            }
        }
        String value = headers.get("retry-after");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            double seconds = Double.parseDouble(text);
            return seconds >= 0 && Double.isFinite(seconds)
                    ? Optional.of(Duration.ofMillis(Math.round(seconds * 1000)))
                    : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), when.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
