package io.ailanes.engine.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;
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
 * @param dataRegion where the provider processes prompts and completions ({@code eu}, or a list such as {@code [eu,
 *     us]}); wins over the bundled region catalog (an EU deployment of a model, a self-hosted server). Null: the
 *     catalog's region for the base URL's host, or unknown
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
        String structuredOutput,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> dataRegion) {

    public ProviderSettings {
        dataRegion = dataRegion == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(dataRegion));
    }

    /** A provider without a declared region. */
    public ProviderSettings(String id, String kind, String baseUrl, String credentialsId, Map<String, String> headers,
            TimeoutSettings timeouts, RetrySettings retry, String tokenLimitField, String structuredOutput) {
        this(id, kind, baseUrl, credentialsId, headers, timeouts, retry, tokenLimitField, structuredOutput, null);
    }

    /** Timeouts as durations in text form; each may be omitted for its default. */
    public record TimeoutSettings(String connect, String firstByte, String idle, String total) {}

    /** Retry settings; each may be omitted for its default. */
    public record RetrySettings(Integer maxAttempts, String initialBackoff, String maxBackoff, Double jitter,
            String maxRetryAfter) {}
}
