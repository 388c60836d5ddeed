package io.ailanes.engine.provider.gemini;

import static io.ailanes.engine.provider.gemini.GeminiTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** streamGenerateContent?alt=sse against Gemini's own recorded streams, on loopback. */
class GeminiStreamTest {

    private static final String BASIC = "gemini/stream_basic_reply_short.sse";

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(GeminiTestSupport::config);
    private final MockWebServer server = loopback.server();
    private final RecordingListener listener = new RecordingListener();

    private ChatResponse stream(String model) {
        return loopback.provider().chat(
                ChatRequest.builder(model).user("Hi").stream(true).build(), listener, Cancellation.none());
    }

    private void useNoRetries() {
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
    }

    /** The events of a recorded stream (its line ends are CRLF, as sent), each with a blank line after it. */
    private static List<String> events(String fixture) {
        return Arrays.stream(Fixtures.text(fixture).split("\r?\n\r?\n"))
                .filter(e -> !e.isBlank())
                .map(e -> e + "\r\n\r\n")
                .toList();
    }

    /** A recorded JSON body as one SSE event, the way alt=sse frames every chunk. */
    private static String asEvent(String jsonFixture) {
        return "data: " + Fixtures.json(jsonFixture).toString() + "\n\n";
    }

    @Test
    void sendsTheStreamRequestWithTheKeyInAHeaderNotTheUrl() throws Exception {
        // What the stream reads as is checked by GeminiContractTest; here, what was sent.
        server.enqueue(Responses.sse(Fixtures.text(BASIC)));

        stream("gemini-2.0-flash");

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.0-flash:streamGenerateContent");
        assertThat(recorded.getUrl().query()).isEqualTo("alt=sse");
        assertThat(recorded.getUrl().toString()).doesNotContain(KEY);
        assertThat(recorded.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        JsonNode body = Json.tryParse(recorded.getBody().utf8()).orElseThrow();
        assertThat(body.get("contents").get(0).get("parts").get(0).get("text").asText()).isEqualTo("Hi");
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void keepsReadingAfterTheFinishReasonForLaterUsage() {
        // Constructed: the recorded stream plus one trailing usage-only chunk, as Gemini may send.
        server.enqueue(Responses.sse(Fixtures.text(BASIC) + "data: {\"usageMetadata\": {\"promptTokenCount\": 7,"
                + "\"candidatesTokenCount\": 12,\"totalTokenCount\": 19},\"modelVersion\": \"gemini-2.0-flash\"}\n\n"));

        ChatResponse response = stream("gemini-2.0-flash");

        assertThat(response.text()).isEqualTo("The capital of Wyoming is **Cheyenne**.\n");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new Usage(7, 0, 0, 0, 12, 0));
    }

    @Test
    void anEventOfAnotherShapeIsMalformedWithoutCrashing() {
        useNoRetries();
        server.enqueue(Responses.sse(Fixtures.text("gemini/stream_invalid_json_shape.sse")));

        assertThatThrownBy(() -> stream("gemini-2.0-flash"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("stream event is not a GenerateContentResponse")
                            .doesNotContain(KEY);
                });
        assertThat(listener.deltas).isEmpty();
    }

    @Test
    void anErrorEventMidStreamIsClassifiedAndRetried() {
        // Constructed: the first recorded chunk, then the recorded 429 body framed as an event.
        server.enqueue(Responses.sse(events(BASIC).get(0) + asEvent("gemini/error_429_resource_exhausted.json")));
        server.enqueue(Responses.sse(Fixtures.text(BASIC)));

        ChatResponse response = stream("gemini-2.0-flash");

        assertThat(response.text()).isEqualTo("The capital of Wyoming is **Cheyenne**.\n");
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(listener.attempts).hasSize(2);
        Attempt first = listener.attempts.get(0);
        assertThat(first.outcome()).isEqualTo(Attempt.Outcome.RETRYING);
        assertThat(first.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(first.error().getMessage()).contains("error event in stream: Quota exceeded for quota metric",
                "RESOURCE_EXHAUSTED, RATE_LIMIT_EXCEEDED");
        assertThat(first.usage()).isEqualTo(new Usage(7, 0, 0, 0, 0, 0));
        assertThat(listener.attempts.get(1).outcome()).isEqualTo(Attempt.Outcome.SUCCEEDED);
    }

    @Test
    void anErrorObjectWrittenIntoTheStreamOutsideAnyEventIsClassifiedByItsOwnStatus() {
        // Two good chunks, then the error object as plain JSON, pretty-printed, as a server failing mid-stream writes it.
        List<String> chunks = events(BASIC);
        server.enqueue(Responses.sse(chunks.get(0) + chunks.get(1) + Fixtures.text("gemini/error_429_resource_exhausted.json")));
        server.enqueue(Responses.sse(Fixtures.text(BASIC)));

        ChatResponse response = stream("gemini-2.0-flash");

        assertThat(response.attempts()).isEqualTo(2);
        Attempt first = listener.attempts.get(0);
        assertThat(first.outcome()).isEqualTo(Attempt.Outcome.RETRYING);
        assertThat(first.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(first.error().getMessage()).contains("error in stream: Quota exceeded for quota metric")
                .doesNotContain("usageMetadata");
    }

    @Test
    void aFinalErrorWrittenIntoTheStreamIsNotRetried() {
        // The provider retries retryable failures: this one is final by its status, so one request is all.
        List<String> chunks = events(BASIC);
        server.enqueue(Responses.sse(chunks.get(0) + Fixtures.text("gemini/error_400_api_key_invalid.json")));

        assertThatThrownBy(() -> stream("gemini-2.0-flash"))
                .isInstanceOfSatisfying(io.ailanes.engine.provider.ProviderException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("error in stream: API key not valid");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aBlockedPromptInAStreamFails() {
        server.enqueue(Responses.sse(asEvent("gemini/generateContent_prompt_blocked_safety.json")));

        assertThatThrownBy(() -> stream("gemini-2.0-flash"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.providerMessage()).isEqualTo(
                            "the prompt was blocked (blockReason SAFETY; HARM_CATEGORY_HATE_SPEECH: HIGH)");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aStreamedAnswerBlockedWithNoTextFails() {
        server.enqueue(Responses.sse(asEvent("gemini/generateContent_finish_reason_safety_no_content.json")));

        assertThatThrownBy(() -> stream("gemini-1.5-flash"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED);
                    assertThat(e.providerMessage()).isEqualTo(
                            "the answer was blocked (finishReason SAFETY; HARM_CATEGORY_HARASSMENT: LOW (blocked))");
                });
        assertThat(listener.attempts).singleElement().extracting(Attempt::usage)
                .isEqualTo(new Usage(8, 0, 0, 0, 0, 0));
    }
}
