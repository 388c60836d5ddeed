package io.ailanes.engine.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.Timeouts;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** The Anthropic provider pointed at a loopback server, with a recognisable fake key and a tiny backoff. */
final class AnthropicTestSupport {

    /** Fake, and shaped like a real key so that a leak would be noticed. */
    static final String KEY = "sk-ant-api03-FAKE-anthropic-tests-KEY-0123456789abcdefXYZ";
    static final RetryPolicy TINY_BACKOFF =
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0, Duration.ofSeconds(1));
    /**
     * Loopback answers at once; a regression that sends one request too many must fail in seconds, not wait
     * out the default two-minute first-byte timeout for a reply that was never queued.
     */
    static final Timeouts FAST_FAIL = new Timeouts(
            Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(10));

    /**
     * Recorded headers MockWebServer must not replay: it frames the body itself (our re-serialised body has
     * another length than the recorded one) and keeps the connection open.
     */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "connection", "transfer-encoding");

    private AnthropicTestSupport() {}

    /** The provider's configuration against {@code server}: the fake key, a tiny backoff, fast timeouts. */
    static ProviderConfig config(MockWebServer server) {
        return config(server, "/");
    }

    /** The same with the base URL at {@code basePath} on {@code server}. */
    static ProviderConfig config(MockWebServer server, String basePath) {
        return ProviderConfig.of("anthropic", ProviderKind.ANTHROPIC, server.url(basePath).toString(), ApiKey.of(KEY))
                .withRetry(TINY_BACKOFF)
                .withTimeouts(FAST_FAIL);
    }

    /** One recorded exchange's response ({@code status_code}, {@code headers}, {@code body} object) as sent. */
    static MockResponse recorded(JsonNode response) {
        return recorded(response, response.get("body").toString());
    }

    /** A recorded status and headers with {@code body}. */
    static MockResponse recorded(JsonNode statusAndHeaders, String body) {
        MockResponse.Builder builder = new MockResponse.Builder().code(statusAndHeaders.get("status_code").asInt());
        for (Iterator<Map.Entry<String, JsonNode>> it = statusAndHeaders.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (!FRAMING_HEADERS.contains(header.getKey())) {
                builder.setHeader(header.getKey(), header.getValue().asText());
            }
        }
        return builder.body(body).build();
    }

    static JsonNode body(RecordedRequest request) {
        return Json.tryParse(request.getBody().utf8()).orElseThrow();
    }
}
