package io.ailanes.engine.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    /** RFC 9110's own example date is "Sun, 06 Nov 1994 08:49:37 GMT"; the clock stands 90 s before it. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("1994-11-06T08:48:07Z"), ZoneOffset.UTC);

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static java.util.Optional<Duration> retryAfter(String value) {
        return RetryAfter.from(headers("retry-after", value), CLOCK);
    }

    @ParameterizedTest(name = "Retry-After: \"{0}\" = {1} ms")
    @CsvSource({"0, 0", "2, 2000", "120, 120000", "' 3 ', 3000", "1.5, 1500", "0.25, 250", "0.0004, 0", "0.0005, 1"})
    void seconds(String value, long millis) {
        assertThat(retryAfter(value)).contains(Duration.ofMillis(millis));
    }

    @Test
    void httpDateInTheFuture() {
        assertThat(retryAfter("Sun, 06 Nov 1994 08:49:37 GMT")).contains(Duration.ofSeconds(90));
    }

    @Test
    void httpDateWithANumericZone() {
        assertThat(retryAfter("Sun, 06 Nov 1994 09:49:37 +0100")).contains(Duration.ofSeconds(90));
    }

    @Test
    void httpDateInThePastMeansNow() {
        assertThat(retryAfter("Sat, 05 Nov 1994 08:49:37 GMT")).contains(Duration.ZERO);
    }

    @Test
    void retryAfterMsTakesPrecedence() {
        assertThat(RetryAfter.from(headers("retry-after-ms", "50", "retry-after", "30"), CLOCK))
                .contains(Duration.ofMillis(50));
        assertThat(RetryAfter.from(headers("retry-after-ms", "12.7", "retry-after", "30"), CLOCK))
                .contains(Duration.ofMillis(13));
        assertThat(RetryAfter.from(headers("retry-after-ms", "0"), CLOCK)).contains(Duration.ZERO);
    }

    @Test
    void badRetryAfterMsFallsBackToRetryAfter() {
        assertThat(RetryAfter.from(headers("retry-after-ms", "soon", "retry-after", "30"), CLOCK))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.from(headers("retry-after-ms", "-5", "retry-after", "2"), CLOCK))
                .contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.from(headers("retry-after-ms", "NaN", "retry-after", "2"), CLOCK))
                .contains(Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "Retry-After: \"{0}\" is ignored")
    @ValueSource(strings = {"", "   ", "soon", "-1", "NaN", "Infinity", "2d", "1e3", "0x10", "1,5", "+2", "2 s",
        "Sun, 06 Nov 1994 08:49:37", "Sunday, 32-Nov-94 08:49:37 GMT", "06 Nov 1994"})
    void garbageIsIgnored(String value) {
        assertThat(retryAfter(value)).isEmpty();
    }

    @Test
    void absentHeadersMeanNoAdvice() {
        assertThat(RetryAfter.from(Map.of(), CLOCK)).isEmpty();
    }

    @Test
    void anAbsurdlyLongWaitIsStillAWait() {
        assertThat(retryAfter("99999999999999999999999")).contains(Duration.ofMillis(Long.MAX_VALUE));
    }
}
