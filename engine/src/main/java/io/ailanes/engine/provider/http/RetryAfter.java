package io.ailanes.engine.provider.http;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads how long a provider asks us to wait: {@code retry-after-ms} (OpenAI, Anthropic), else
 * {@code Retry-After} in seconds or as an HTTP-date. A value that is neither is ignored.
 */
final class RetryAfter {

    /** Plain non-negative decimals only: Java's number parsers would also take "NaN", "1e3", "2d" or "0x1p3". */
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE);

    private RetryAfter() {}

    /** @param headers response headers, names in lower case */
    public static Optional<Duration> from(Map<String, String> headers, Clock clock) {
        Optional<Duration> millis = decimal(headers.get("retry-after-ms"), BigDecimal.ONE);
        if (millis.isPresent()) {
            return millis;
        }
        String value = headers.get("retry-after");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = decimal(value, BigDecimal.valueOf(1000));
        return seconds.isPresent() ? seconds : httpDate(value.strip(), clock);
    }

    private static Optional<Duration> decimal(String value, BigDecimal millisPerUnit) {
        if (value == null || !DECIMAL.matcher(value.strip()).matches()) {
            return Optional.empty();
        }
        BigDecimal millis = new BigDecimal(value.strip()).multiply(millisPerUnit).setScale(0, RoundingMode.HALF_UP);
        // An absurdly long wait is still a wait longer than any we honour, not a missing one.
        return Optional.of(Duration.ofMillis(millis.min(MAX_MILLIS).longValueExact()));
    }

    private static Optional<Duration> httpDate(String text, Clock clock) {
        try {
            ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), when.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }
}
