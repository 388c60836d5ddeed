package io.ailanes.engine.provider;

import io.ailanes.engine.redact.SecretRedactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A provider endpoint as configured.
 *
 * @param id a short name used in model references ({@code id/model})
 * @param kind the wire protocol
 * @param baseUrl the API root, e.g. {@code https://api.deepseek.com/v1}; the adapter appends its paths
 * @param apiKey the resolved credential ({@link ApiKey#NONE} for local servers that need none)
 * @param headers extra HTTP headers sent with every request (never logged)
 * @param timeouts per-phase timeouts
 * @param retry the retry policy
 * @param tokenLimitField for {@code openai} kind: which request field carries the output cap
 * @param structuredOutput how the endpoint takes a JSON schema for the answer
 */
public record ProviderConfig(
        String id,
        ProviderKind kind,
        String baseUrl,
        ApiKey apiKey,
        Map<String, String> headers,
        Timeouts timeouts,
        RetryPolicy retry,
        TokenLimitField tokenLimitField,
        StructuredOutput structuredOutput) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    /** A host name with '_' (which java.net.URI reads as no host) and an optional numeric port. */
    private static final Pattern UNDERSCORE_HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(:\\d{1,5})?");
    private static final String EXAMPLE_BASE_URL = "https://api.openai.com/v1";

    /** Chat Completions has two names for the output cap; compatible servers often know only the old one. */
    public enum TokenLimitField {
        /** {@code max_completion_tokens} on api.openai.com, {@code max_tokens} elsewhere. */
        AUTO,
        MAX_TOKENS,
        MAX_COMPLETION_TOKENS
    }

    /**
     * How an endpoint constrains answers to JSON. Steps always state the schema in the prompt and validate
     * the answer, so a server without schema support still works with {@code JSON_OBJECT} or {@code NONE}.
     */
    public enum StructuredOutput {
        /** The provider enforces the schema (OpenAI, Anthropic, Gemini, most compatible servers). */
        JSON_SCHEMA,
        /** Only "answer in JSON" (DeepSeek's {@code response_format: json_object}). */
        JSON_OBJECT,
        /** Nothing is sent; the prompt and the validation carry the schema. */
        NONE
    }

    public ProviderConfig {
        String idProblem = idProblem(id);
        if (idProblem != null) {
            throw new IllegalArgumentException(idProblem);
        }
        Objects.requireNonNull(kind, "kind");
        String baseUrlProblem = baseUrlProblem(baseUrl);
        if (baseUrlProblem != null) {
            throw new IllegalArgumentException("provider '" + id + "': " + baseUrlProblem);
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        apiKey = apiKey == null ? ApiKey.NONE : apiKey;
        headers = headers == null ? Map.of() : Map.copyOf(new TreeMap<>(headers));
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        tokenLimitField = tokenLimitField == null ? TokenLimitField.AUTO : tokenLimitField;
        structuredOutput = structuredOutput == null ? StructuredOutput.JSON_SCHEMA : structuredOutput;
    }

    /**
     * What is wrong with a provider id, or null when it is one: the rule of model references ({@code id/model}),
     * also used by the Jenkins form, so the form refuses what a step would.
     */
    public static String idProblem(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return "provider id '" + id
                    + "' must be lower-case letters, digits, '.', '_' or '-' (at most 64), starting with a letter or digit";
        }
        return null;
    }

    /**
     * What is wrong with an API root, or null when it is one: an absolute {@code http://} or {@code https://} URL
     * with a host and without a user or password (the key goes in a credential, and a URL is logged and audited).
     * Also used by the Jenkins form, so the form refuses what a step would, in the same words.
     */
    public static String baseUrlProblem(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return "baseUrl is missing: give the provider's API root, e.g. " + EXAMPLE_BASE_URL;
        }
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            return "baseUrl '" + baseUrl + "' is not a URL (" + e.getReason() + "); give the API root, e.g. "
                    + EXAMPLE_BASE_URL;
        }
        if (uri.getRawUserInfo() != null) {
            // Not echoed: the part before @ may be a password.
            return "baseUrl must not hold a user or password; put the key in a credential (credentialsId)"
                    + " and extra headers under headers";
        }
        boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (http && host(uri) == null && uri.getRawAuthority() != null) {
            return "baseUrl '" + baseUrl + "': '" + uri.getRawAuthority() + "' is not a host name or address with an"
                    + " optional numeric port (letters, digits, '-', '_' and '.'), e.g. " + EXAMPLE_BASE_URL;
        }
        if (!http || host(uri) == null) {
            return "baseUrl '" + baseUrl + "' must be an http:// or https:// URL with a host, e.g. " + EXAMPLE_BASE_URL;
        }
        return null;
    }

    /**
     * Why an API root that {@link #baseUrlProblem} accepts is still unwise, or null: plain http to another machine
     * sends the key unencrypted. Local servers (localhost, 127.x, [::1]) are the usual, harmless case.
     */
    public static String baseUrlWarning(String baseUrl) {
        if (baseUrlProblem(baseUrl) != null) {
            return null;
        }
        URI uri = URI.create(baseUrl);
        String host = host(uri).toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("[::1]") || LOOPBACK_V4.matcher(host).matches();
        return "http".equals(uri.getScheme()) && !loopback
                ? "plain http sends the key unencrypted; use https except for a server on this machine"
                : null;
    }

    /**
     * The host of an API root, or null. java.net.URI reads a name with '_' (a Docker Compose service such as
     * {@code http://llm_gateway:8000}) as no host at all, while the HTTP client connects to it: such a name is taken
     * from the authority, so the rule refuses only what cannot be reached ({@code 127.0.0.1:PORT}).
     */
    private static String host(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        return authority != null && UNDERSCORE_HOST.matcher(authority).matches() ? authority.replaceFirst(":.*", "")
                : null;
    }

    /** A configuration with default headers, timeouts and retries. */
    public static ProviderConfig of(String id, ProviderKind kind, String baseUrl, ApiKey apiKey) {
        return new ProviderConfig(id, kind, baseUrl, apiKey, Map.of(), null, null, null, null);
    }

    public ProviderConfig withTimeouts(Timeouts value) {
        return new ProviderConfig(id, kind, baseUrl, apiKey, headers, value, retry, tokenLimitField, structuredOutput);
    }

    public ProviderConfig withRetry(RetryPolicy value) {
        return new ProviderConfig(id, kind, baseUrl, apiKey, headers, timeouts, value, tokenLimitField, structuredOutput);
    }

    public ProviderConfig withHeaders(Map<String, String> value) {
        return new ProviderConfig(id, kind, baseUrl, apiKey, value, timeouts, retry, tokenLimitField, structuredOutput);
    }

    public ProviderConfig withTokenLimitField(TokenLimitField value) {
        return new ProviderConfig(id, kind, baseUrl, apiKey, headers, timeouts, retry, value, structuredOutput);
    }

    public ProviderConfig withStructuredOutput(StructuredOutput value) {
        return new ProviderConfig(id, kind, baseUrl, apiKey, headers, timeouts, retry, tokenLimitField, value);
    }

    /** Every secret this configuration holds: the key and the header values, for redaction. */
    public SecretRedactor redactor() {
        java.util.List<String> secrets = new java.util.ArrayList<>(headers.values());
        secrets.add(apiKey.reveal());
        return new SecretRedactor(secrets);
    }

    @Override
    public String toString() {
        // Header values may be credentials too: print only their names.
        return "ProviderConfig[id=" + id + ", kind=" + kind.id() + ", baseUrl=" + baseUrl + ", apiKey=" + apiKey
                + ", headers=" + headers.keySet() + ", timeouts=" + timeouts + ", retry=" + retry
                + ", tokenLimitField=" + tokenLimitField + ", structuredOutput=" + structuredOutput + "]";
    }
}
