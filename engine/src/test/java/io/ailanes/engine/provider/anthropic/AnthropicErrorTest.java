package io.ailanes.engine.provider.anthropic;

import static io.ailanes.engine.provider.anthropic.AnthropicTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.OutputSchema;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Anthropic's error bodies and retry signals, served over loopback HTTP. */
class AnthropicErrorTest {

    private static final String RATE_LIMIT = "anthropic/error_429_rate_limit_error.json";
    private static final String RATE_LIMIT_HEADERS = "anthropic/error_429_rate_limit_error.headers.json";
    private static final String RATE_LIMIT_ACCOUNT = "anthropic/error_429_rate_limit_error_account.json";
    private static final String OK = "anthropic/messages_response_sonnet45_usage_cache_fields.json";
    private static final String MODEL = "claude-sonnet-4-5";

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(AnthropicTestSupport::config);
    private final MockWebServer server = loopback.server();
    private final RecordingListener listener = new RecordingListener();

    private ChatRequest request() {
        return ChatRequest.builder(MODEL).system("Be brief.").user("Hi").build();
    }

    private ChatResponse call() {
        return loopback.provider().chat(request(), listener, Cancellation.none());
    }

    private ProviderException failure() {
        try {
            call();
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    private static String errorBody(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                + "\"},\"request_id\":\"req_011CZtest0000000000000000\"}";
    }

    /** The recorded 429 as sent: its status, its headers (x-should-retry: true) and its body. */
    private static MockResponse recorded429() {
        return AnthropicTestSupport.recorded(Fixtures.json(RATE_LIMIT_HEADERS), Fixtures.text(RATE_LIMIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // The shape of Anthropic's real message (quoted in many public bug reports), constructed here.
        "prompt is too long: 208656 tokens > 200000 maximum",
        // Likewise: the prompt plus max_tokens do not fit the window.
        "input length and `max_tokens` exceed context limit: 178959 + 64000 > 200000, decrease input length or"
                + " `max_tokens` and try again",
    })
    void aPromptTooLongForTheModelIsAContextOverflow(String message) {
        server.enqueue(Responses.json(400, errorBody("invalid_request_error", message)));

        ProviderException e = failure();

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_OVERFLOW);
        assertThat(e.retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.providerMessage()).isEqualTo(message);
        assertThat(e.getMessage()).contains("HTTP 400", "prompt exceeds the model's context window", message);
    }

    @Test
    void anEmptyCreditBalanceIsQuotaExhausted() {
        // Constructed: the message Anthropic sends (quoted in public bug reports) as a 400 invalid_request_error;
        // neither a retry nor another Anthropic model can fix it.
        server.enqueue(Responses.json(400, errorBody("invalid_request_error", "Your credit balance is too low to"
                + " access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.")));

        ProviderException e = failure();

        assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void theRecordedRateLimitIsRetriedUntilAttemptsRunOut() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(recorded429());
        }

        ProviderException e = failure();

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.httpStatus()).contains(429);
        assertThat(e.getMessage()).contains("HTTP 429", "rate limited",
                "This request would exceed your organization's rate limit of 20,000,000 prompt bytes per hour",
                "after 3 attempts");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(listener.attempts).extracting(Attempt::outcome).containsExactly(
                Attempt.Outcome.RETRYING, Attempt.Outcome.RETRYING, Attempt.Outcome.FAILED);
        assertThat(listener.attempts).allSatisfy(a -> assertThat(a.httpStatus()).isEqualTo(429));
    }

    @Test
    void theAccountRateLimitClearsOnALaterAttempt() {
        server.enqueue(Responses.json(429, Fixtures.text(RATE_LIMIT_ACCOUNT)));
        server.enqueue(Responses.json(200, Fixtures.text(OK)));

        ChatResponse response = call();

        assertThat(response.attempts()).isEqualTo(2);
        assertThat(response.usage()).isEqualTo(new Usage(406, 0, 0, 0, 50, 0));
        Attempt first = listener.attempts.get(0);
        assertThat(first.outcome()).isEqualTo(Attempt.Outcome.RETRYING);
        assertThat(first.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(first.error().providerMessage())
                .isEqualTo("This request would exceed your account's rate limit. Please try again later.");
        assertThat(listener.attempts.get(1).outcome()).isEqualTo(Attempt.Outcome.SUCCEEDED);
    }

    @Test
    void theRecordingOfTwo429sThenA200IsReplayedInOrder() throws Exception {
        JsonNode recording = Fixtures.json("anthropic/recording_429_429_then_200.json");
        assertThat(recording).hasSize(3);
        for (JsonNode exchange : recording) {
            server.enqueue(AnthropicTestSupport.recorded(exchange.get("response")));
        }
        // The recorder kept no retry-after header: the policy's tiny backoff sets the waits.
        JsonNode sdkRequest = recording.get(0).get("request").get("body");
        ChatRequest request = ChatRequest.builder(sdkRequest.get("model").asText())
                .user(sdkRequest.get("messages").get(0).get("content").asText())
                .maxOutputTokens(sdkRequest.get("max_tokens").asInt())
                .outputSchema(new OutputSchema("OrderDetails",
                        sdkRequest.at("/output_config/format/schema").deepCopy(), true))
                .build();

        ChatResponse response = loopback.provider().chat(request, listener, Cancellation.none());

        assertThat(response.attempts()).isEqualTo(3);
        assertThat(listener.attempts).extracting(Attempt::outcome).containsExactly(
                Attempt.Outcome.RETRYING, Attempt.Outcome.RETRYING, Attempt.Outcome.SUCCEEDED);
        assertThat(listener.attempts.get(0).error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(listener.attempts.get(1).error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(listener.attempts.get(0).backoff()).isLessThanOrEqualTo(AnthropicTestSupport.TINY_BACKOFF.maxBackoff());
        assertThat(listener.attempts.get(0).usage()).isEqualTo(Usage.ZERO);
        assertThat(response.text()).isEqualTo("{\"items\":[{\"product_name\":\"Green Tea\",\"price\":5.50,\"quantity\":2},"
                + "{\"product_name\":\"Coffee\",\"price\":3.00,\"quantity\":1}],\"total\":14.0}");
        assertThat(response.responseId()).isEqualTo("msg_01Q1NNiF8NA8EywFhxTmFbeP");
        assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new Usage(406, 0, 0, 0, 50, 0));
        // Each attempt sent the body the SDK sent.
        for (int i = 0; i < 3; i++) {
            assertThat(AnthropicTestSupport.body(server.takeRequest())).isEqualTo(sdkRequest);
        }
    }

    @Test
    void aShouldRetryFalseHeaderEndsARateLimitAtOnce() {
        // The recorded 429 with the SDK's retry signal flipped: the header wins over the status.
        server.enqueue(new MockResponse.Builder(recorded429()).setHeader("x-should-retry", "false").build());

        ProviderException e = failure();

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void overloadedIsRetriedThenSucceeds() {
        server.enqueue(Responses.json(529, Fixtures.text("anthropic/error_529_overloaded_error.json")));
        server.enqueue(Responses.json(529, Fixtures.text("anthropic/error_529_overloaded_error.json")));
        server.enqueue(Responses.json(200, Fixtures.text(OK)));

        ChatResponse response = call();

        assertThat(response.attempts()).isEqualTo(3);
        assertThat(listener.attempts).extracting(Attempt::outcome).containsExactly(
                Attempt.Outcome.RETRYING, Attempt.Outcome.RETRYING, Attempt.Outcome.SUCCEEDED);
        assertThat(listener.attempts.get(0).error().kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(listener.attempts.get(0).error().getMessage()).contains("HTTP 529", "provider overloaded: Overloaded");
        assertThat(listener.attempts.get(0).httpStatus()).isEqualTo(529);
    }

    @Test
    void aBadKeyIsAnAuthenticationFailureAndIsNotRetried() {
        // Constructed: Anthropic's authentication_error shape with its usual message.
        server.enqueue(Responses.json(401, errorBody("authentication_error", "invalid x-api-key")));

        ProviderException e = failure();

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(e.retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains("HTTP 401", "authentication failed: invalid x-api-key");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anHtmlErrorPageIsSummarisedAndClassifiedByStatus() {
        String page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
                + "</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
        server.enqueue(Responses.html(502, page));
        server.enqueue(Responses.json(200, Fixtures.text(OK)));

        ChatResponse response = call();

        assertThat(response.attempts()).isEqualTo(2);
        ProviderException first = listener.attempts.get(0).error();
        assertThat(first.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(first.providerMessage()).isEqualTo("502 Bad Gateway");
        assertThat(first.getMessage()).doesNotContain("<");
    }

    @Test
    void anHtmlPageWithA200IsMalformed() {
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
        server.enqueue(Responses.html(200, "<!DOCTYPE html><html><head><title>Sign in to continue</title></head>"
                + "<body>portal</body></html>"));

        ProviderException e = failure();

        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("expected JSON but got an HTML page: Sign in to continue");
    }

    @Test
    void anErrorObjectWithA200IsClassifiedByItsType() {
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
        server.enqueue(Responses.json(200, Fixtures.text("anthropic/error_529_overloaded_error.json")));

        ProviderException e = failure();

        assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.providerMessage()).isEqualTo("Overloaded");
    }

    @Test
    void theKeyNeverAppearsInAnErrorEvenWhenTheBodyEchoesIt() {
        // Constructed: misbehaving proxies echo the credential they were sent, in JSON, HTML and stream errors.
        server.enqueue(Responses.json(401, errorBody("authentication_error", "invalid x-api-key: " + KEY)));
        ProviderException json = failure();

        server.enqueue(Responses.html(403, "<html><body><p>Forbidden: key " + KEY + " is blocked</p></body></html>"));
        ProviderException html = failure();

        server.enqueue(Responses.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"" + "x".repeat(280) + " header x-api-key=" + KEY + "\"}}"));
        ProviderException longMessage = failure();

        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
        server.enqueue(Responses.sse("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                + "\"message\":\"upstream rejected " + KEY + "\"}}\n\n"));
        ProviderException stream;
        try {
            loopback.provider().chat(
                    ChatRequest.builder(MODEL).user("Hi").stream(true).build(), listener, Cancellation.none());
            throw new AssertionError("the call succeeded");
        } catch (ProviderException e) {
            stream = e;
        }

        assertThat(json.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(json.getMessage()).contains("invalid x-api-key: ****");
        assertThat(html.kind()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(longMessage.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(stream.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(stream.getMessage()).contains("error event in stream: upstream rejected ****");
        for (ProviderException e : new ProviderException[] {json, html, longMessage, stream}) {
            assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("0123456789abcdefXYZ");
            assertThat(e.providerMessage()).doesNotContain(KEY);
            assertThat(e.toString()).doesNotContain(KEY);
        }
        assertThat(listener.attempts).allSatisfy(a -> {
            if (a.error() != null) {
                assertThat(a.error().getMessage()).doesNotContain(KEY);
            }
        });
    }
}
