package io.ailanes.engine.provider;

import io.ailanes.engine.redact.SecretRedactor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import io.ailanes.engine.testing.Sse;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proxies and misconfigured gateways echo request headers back in their error bodies. Whatever the shape
 * of the echo, the key must not reach an exception message or an attempt record, whole or cut short.
 */
class SecretLeakTest {

    private static final String KEY = "sk-LEAKCHECK-7f3a9c1e5b2d8046aa11";
    private static final String PROXY_TOKEN = "proxy-LEAKCHECK-token-998877";
    /** Any 8 characters of the key's start are already too many. */
    private static final String KEY_START = KEY.substring(0, 8);

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(server -> ProviderConfig.of(
                    "openai", ProviderKind.OPENAI, server.url("/v1").toString(), ApiKey.of(KEY))
            .withHeaders(Map.of("X-Proxy-Token", PROXY_TOKEN))
            .withRetry(RetryPolicy.NONE));
    private final MockWebServer server = loopback.server();
    private final RecordingListener listener = new RecordingListener();

    private ProviderException failure(ChatRequest request) {
        Throwable thrown = catchThrowable(() -> loopback.provider().chat(request, listener, Cancellation.none()));
        assertThat(thrown).isInstanceOf(ProviderException.class);
        ProviderException e = (ProviderException) thrown;
        assertNoSecret(e.getMessage());
        assertNoSecret(e.providerMessage());
        assertNoSecret(String.valueOf(e));
        listener.attempts.forEach(attempt -> assertNoSecret(attempt.error().getMessage()));
        return e;
    }

    private static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(KEY_START).doesNotContain(PROXY_TOKEN.substring(0, 12));
    }

    private static ChatRequest request() {
        return ChatRequest.builder("gpt-4o").user("Hi").build();
    }

    private static ChatRequest streamRequest() {
        return ChatRequest.builder("gpt-4o").user("Hi").stream(true).build();
    }

    /** Filler that puts the echoed key across the 300-character cut of a shortened body. */
    private static String fillerBeforeTheCut() {
        return "upstream said: " + "x".repeat(245);
    }

    @Test
    void theKeyIsReallySentSoTheseTestsMeanSomething() throws Exception {
        server.enqueue(Responses.json(401, "{\"error\":{\"message\":\"no\"}}"));
        failure(request());
        var recorded = server.takeRequest();
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(recorded.getHeaders().get("X-Proxy-Token")).isEqualTo(PROXY_TOKEN);
    }

    @Test
    void jsonErrorEchoingTheAuthorizationHeader() {
        server.enqueue(Responses.json(401, "{\"error\":{\"message\":\"Invalid Authorization header 'Bearer " + KEY
                + "' (X-Proxy-Token: " + PROXY_TOKEN + ")\",\"type\":\"invalid_request_error\"}}"));

        ProviderException e = failure(request());

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("Invalid Authorization header 'Bearer ****' (X-Proxy-Token: ****)");
    }

    @Test
    void plainTextErrorCutInsideTheKey() {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .setHeader("Content-Type", "text/plain")
                .body(fillerBeforeTheCut() + " Authorization: Bearer " + KEY + " was rejected by the gateway")
                .build());

        ProviderException e = failure(request());

        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(e.getMessage()).contains("Authorization: Bearer ****");
    }

    @Test
    void htmlErrorPageWithTheKeyInItsTitle() {
        server.enqueue(Responses.html(502, "<html><head><title>Bad Gateway: Bearer " + KEY
                + "</title></head><body>nginx</body></html>"));

        ProviderException e = failure(request());

        assertThat(e.getMessage()).contains("Bad Gateway: Bearer ****").doesNotContain("<");
    }

    @Test
    void notJsonReplyWith200CutInsideTheKey() {
        // The adapter shortens the body itself; only the redactor's cut rule stands between it and the log.
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/plain")
                .body(fillerBeforeTheCut() + " Authorization: Bearer " + KEY + " echoed by a debugging proxy")
                .build());

        ProviderException e = failure(request());

        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("response is not JSON", "Bearer ****...");
    }

    @Test
    void bareErrorObjectWhereAStreamWasExpected() {
        server.enqueue(Responses.sse("{\"error\":{\"message\":\"bad key Bearer " + KEY + "\",\"type\":\"server_error\"}}"));

        ProviderException e = failure(streamRequest());

        assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(e.getMessage()).contains("bad key Bearer ****");
    }

    @Test
    void errorEventMidStream() {
        server.enqueue(Responses.sse(Sse.delta("Hel") + "data: {\"error\":{\"message\":\"token " + KEY
                + " revoked\",\"type\":\"server_error\"}}\n\n"));

        ProviderException e = failure(streamRequest());

        assertThat(e.getMessage()).contains("token **** revoked");
    }

    @Test
    void notJsonEventCutInsideTheKey() {
        server.enqueue(Responses.sse("data: " + fillerBeforeTheCut() + " Bearer " + KEY + " trailing\n\n"));

        ProviderException e = failure(streamRequest());

        assertThat(e.getMessage()).contains("stream event is not JSON", "Bearer ****...");
    }

    @Test
    void configAndKeyPrintMasked() {
        ProviderConfig config = loopback.config();
        assertThat(ApiKey.of(KEY)).hasToString("****");
        assertThat(ApiKey.NONE).hasToString("(none)");
        assertThat(config.toString())
                .contains("apiKey=****", "headers=[X-Proxy-Token]")
                .doesNotContain(KEY_START)
                .doesNotContain(PROXY_TOKEN);
        assertThat(config.withTimeouts(Timeouts.DEFAULT).withRetry(RetryPolicy.DEFAULT).toString())
                .doesNotContain(KEY_START);
        assertThat(String.valueOf(config.timeouts()) + config.retry() + Duration.ZERO).doesNotContain(KEY_START);
    }

    @Test
    void redactorMasksWholeAndCutSecrets() {
        SecretRedactor redactor = loopback.config().redactor();
        assertThat(redactor.redact("a " + KEY + " b " + KEY)).isEqualTo("a **** b ****");
        assertThat(redactor.redact("cut at the end: " + KEY.substring(0, 20))).isEqualTo("cut at the end: ****");
        assertThat(redactor.redact("cut before an ellipsis: " + KEY.substring(0, 10) + "..."))
                .isEqualTo("cut before an ellipsis: ****...");
        assertThat(redactor.redact("nothing secret here")).isEqualTo("nothing secret here");
        // A word a key merely starts with (a provider id) is not a cut key.
        assertThat(redactor.redact("provider " + KEY.substring(0, 4))).isEqualTo("provider " + KEY.substring(0, 4));
        assertThat(redactor.redact(null)).isNull();
    }
}
