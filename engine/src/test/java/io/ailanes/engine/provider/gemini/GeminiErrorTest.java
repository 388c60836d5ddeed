package io.ailanes.engine.provider.gemini;

import static io.ailanes.engine.provider.gemini.GeminiTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gemini's Google-RPC error bodies, classified and retried (or not) over loopback HTTP. */
class GeminiErrorTest {

    private static final String QUOTA_429 = "gemini/error_429_resource_exhausted.json";
    private static final String OK = "gemini/generateContent_basic_reply_short.json";

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(GeminiTestSupport::config);
    private final MockWebServer server = loopback.server();
    private final RecordingListener listener = new RecordingListener();

    private ChatResponse chat() {
        return loopback.provider().chat(
                ChatRequest.builder("gemini-2.0-flash").user("Hi").build(), listener, Cancellation.none());
    }

    /** The recorded 429 body with extra {@code details} entries (shapes as documented for google.rpc). */
    private static String quota429With(String... details) {
        ObjectNode body = (ObjectNode) Fixtures.json(QUOTA_429);
        ArrayNode list = (ArrayNode) body.get("error").get("details");
        for (String detail : details) {
            list.add(Json.tryParse(detail).orElseThrow());
        }
        return body.toString();
    }

    private static String retryInfo(String delay) {
        return "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + delay + "\"}";
    }

    @Test
    void aRateLimitThatClearsSucceedsOnALaterAttempt() {
        server.enqueue(Responses.json(429, Fixtures.text(QUOTA_429)));
        server.enqueue(Responses.json(429, Fixtures.text(QUOTA_429)));
        server.enqueue(Responses.json(200, Fixtures.text(OK)));

        ChatResponse response = chat();

        assertThat(response.attempts()).isEqualTo(3);
        assertThat(response.text()).contains("Mountain View");
        assertThat(listener.attempts).extracting(Attempt::outcome).containsExactly(
                Attempt.Outcome.RETRYING, Attempt.Outcome.RETRYING, Attempt.Outcome.SUCCEEDED);
    }

    @Test
    void anInvalidApiKeyIsAnAuthenticationFailureAndIsNotRetried() {
        server.enqueue(Responses.json(400, Fixtures.text("gemini/error_400_api_key_invalid.json")));

        assertThatThrownBy(this::chat).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(e.retryable()).isFalse();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.providerMessage()).isEqualTo(
                    "API key not valid. Please pass a valid API key. (INVALID_ARGUMENT, API_KEY_INVALID)");
            // DebugInfo repeats the key that was sent ("Invalid API key: key1234"): it is never echoed.
            assertThat(e.getMessage()).contains("HTTP 400").doesNotContain("key1234").doesNotContain(KEY);
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(listener.attempts).singleElement().extracting(Attempt::outcome).isEqualTo(Attempt.Outcome.FAILED);
    }

    @Test
    void waitsAsLongAsRetryInfoAsks() {
        server.enqueue(Responses.json(429, quota429With(retryInfo("0.05s"))));
        server.enqueue(Responses.json(200, Fixtures.text(OK)));

        ChatResponse response = chat();

        assertThat(response.attempts()).isEqualTo(2);
        assertThat(listener.attempts.get(0).backoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(listener.attempts.get(0).error().retryAfter()).contains(Duration.ofMillis(50));
    }

    @Test
    void aRetryDelayLongerThanThePolicyAllowsEndsTheCall() {
        server.enqueue(Responses.json(429, quota429With(retryInfo("3600s"))));

        assertThatThrownBy(this::chat).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.retryAfter()).contains(Duration.ofHours(1));
            assertThat(e.getMessage()).contains("the provider asked to retry after 3600 s");
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRetryAfterHeaderTakesPrecedenceOverRetryInfo() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", "0")
                .body(quota429With(retryInfo("3600s")))
                .build());
        server.enqueue(Responses.json(200, Fixtures.text(OK)));

        assertThat(chat().attempts()).isEqualTo(2);
        assertThat(listener.attempts.get(0).backoff()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aDailyQuotaIsExhaustedAndNotRetried() {
        server.enqueue(Responses.json(429, quota429With(
                "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":"
                        + "\"generativelanguage.googleapis.com/generate_content_free_tier_requests\","
                        + "\"quotaId\":\"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"}]}",
                retryInfo("37s"))));

        assertThatThrownBy(this::chat).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
            assertThat(e.retryable()).isFalse();
            assertThat(e.attempts()).isEqualTo(1);
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aPromptTooLongForTheModelIsAContextOverflow() {
        // Constructed in Gemini's error shape with its wording for an oversized prompt.
        server.enqueue(Responses.json(400, "{\"error\":{\"code\":400,\"message\":\"The input token count (1200000)"
                + " exceeds the maximum number of tokens allowed (1048576).\",\"status\":\"INVALID_ARGUMENT\"}}"));

        assertThatThrownBy(this::chat).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_OVERFLOW);
            assertThat(e.retryable()).isFalse();
            assertThat(e.providerMessage()).isEqualTo("The input token count (1200000) exceeds the maximum number"
                    + " of tokens allowed (1048576). (INVALID_ARGUMENT)");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "400, INVALID_ARGUMENT, BAD_REQUEST",
        "400, FAILED_PRECONDITION, BAD_REQUEST",
        "401, UNAUTHENTICATED, AUTHENTICATION",
        "403, PERMISSION_DENIED, PERMISSION",
        "404, NOT_FOUND, NOT_FOUND",
        "429, RESOURCE_EXHAUSTED, RATE_LIMITED",
        "500, INTERNAL, SERVER_ERROR",
        "503, UNAVAILABLE, OVERLOADED",
        "504, DEADLINE_EXCEEDED, REQUEST_TIMEOUT",
    })
    void classifiesTheRpcStatus(int httpStatus, String rpcStatus, ErrorKind expected) {
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
        server.enqueue(Responses.json(httpStatus, "{\"error\":{\"code\":" + httpStatus
                + ",\"message\":\"Something went wrong.\",\"status\":\"" + rpcStatus + "\"}}"));

        assertThatThrownBy(this::chat).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(expected);
            assertThat(e.retryable()).isEqualTo(expected.retryable());
            assertThat(e.providerMessage()).isEqualTo("Something went wrong. (" + rpcStatus + ")");
        });
    }

    @Test
    void aNonJsonErrorPageIsClassifiedByStatus() {
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
        server.enqueue(new MockResponse.Builder()
                .code(502)
                .setHeader("Content-Type", "text/html")
                .body("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>")
                .build());

        assertThatThrownBy(this::chat).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
            assertThat(e.providerMessage()).isEqualTo("502 Bad Gateway");
        });
    }

    @Test
    void anErrorObjectSentInPlaceOfAStreamIsClassifiedByItsOwnCode() {
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
        server.enqueue(Responses.json(200, Fixtures.text(QUOTA_429)));

        assertThatThrownBy(() -> loopback.provider().chat(
                        ChatRequest.builder("gemini-2.0-flash").user("Hi").stream(true).build()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("expected an event stream but got: Quota exceeded");
                });
    }
}
