package io.ailanes.engine.config;

import java.util.Map;

/**
 * A provider as written in {@code ai-lanes.yaml} (and, with the same field names, in the Jenkins global
 * configuration).
 *
 * @param id the name used in model references ({@code id/model})
 * @param kind {@code openai}, {@code anthropic} or {@code gemini}
 * @param baseUrl the API root
 * @param credentialsId where the key comes from: an environment variable name (CLI) or a Jenkins
 *     credentials id (plugin); omit for local servers that need no key
 * @param headers extra headers sent with every request
 * @param timeouts per-phase timeouts, e.g. {@code {connect: 10s, firstByte: 2m, idle: 1m, total: 10m}}
 * @param retry retry settings
 * @param tokenLimitField {@code auto}, {@code max_tokens} or {@code max_completion_tokens} (openai kind)
 * @param structuredOutput {@code json_schema} (default), {@code json_object} (DeepSeek) or {@code none}
 */
public record ProviderSettings(
        String id,
        String kind,
        String baseUrl,
        String credentialsId,
        Map<String, String> headers,
        TimeoutSettings timeouts,
        RetrySettings retry,
        String tokenLimitField,
        String structuredOutput) {

    /** Timeouts as durations in text form; each may be omitted for its default. */
    public record TimeoutSettings(String connect, String firstByte, String idle, String total) {}

    /** Retry settings; each may be omitted for its default. */
    public record RetrySettings(Integer maxAttempts, String initialBackoff, String maxBackoff, Double jitter,
            String maxRetryAfter) {}
}
