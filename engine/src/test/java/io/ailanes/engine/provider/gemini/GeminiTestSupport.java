package io.ailanes.engine.provider.gemini;

import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;

/** The Gemini provider pointed at a loopback server, with a recognisable fake key and a tiny backoff. */
final class GeminiTestSupport {

    /** Fake, and shaped like a real key so that a leak would be noticed. */
    static final String KEY = "AIzaSyFAKE-gemini-test-KEY-0123456789ab";
    static final String EXTRA_HEADER_VALUE = "team-gemini-tests";
    static final RetryPolicy TINY_BACKOFF =
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0, Duration.ofSeconds(1));

    private GeminiTestSupport() {}

    /** The provider's configuration against {@code server}: the fake key, an extra header, a tiny backoff. */
    static ProviderConfig config(MockWebServer server) {
        return ProviderConfig.of("gemini", ProviderKind.GEMINI, server.url("/v1beta").toString(), ApiKey.of(KEY))
                .withHeaders(Map.of("X-Goog-User-Project", EXTRA_HEADER_VALUE))
                .withRetry(TINY_BACKOFF);
    }
}
