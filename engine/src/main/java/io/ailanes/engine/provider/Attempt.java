package io.ailanes.engine.provider;

import java.time.Duration;

/**
 * One HTTP attempt of a call.
 *
 * @param number 1 for the first attempt
 * @param outcome how it ended
 * @param httpStatus the response status, or null when no response arrived
 * @param error the failure, or null on success
 * @param usage what the provider billed for this attempt (zero for most failures)
 * @param latency how long the attempt took
 * @param backoff the wait before the next attempt (zero unless the outcome is RETRYING)
 */
public record Attempt(
        int number,
        Outcome outcome,
        Integer httpStatus,
        ProviderException error,
        Usage usage,
        Duration latency,
        Duration backoff) {

    public enum Outcome {
        SUCCEEDED,
        RETRYING,
        FAILED
    }
}
