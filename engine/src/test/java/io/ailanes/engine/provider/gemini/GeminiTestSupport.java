package io.ailanes.engine.provider.gemini;

import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.Providers;
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

    static ChatProvider provider(MockWebServer server) {
        return provider(server, TINY_BACKOFF);
    }

    static ChatProvider provider(MockWebServer server, RetryPolicy retry) {
        return Providers.create(ProviderConfig.of(
                        "gemini", ProviderKind.GEMINI, server.url("/v1beta").toString(), ApiKey.of(KEY))
                .withHeaders(Map.of("X-Goog-User-Project", EXTRA_HEADER_VALUE))
                .withRetry(retry));
    }
}
