package io.ailanes.engine.provider.anthropic;

import static io.ailanes.engine.provider.anthropic.AnthropicTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.ailanes.engine.testing.ScriptedBody;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streamed Messages API calls against Anthropic's recorded event streams, over loopback HTTP. */
class AnthropicStreamTest {

    private static final String BASIC = "anthropic/stream_basic_text.sse";
    private static final String HAIKU_TOOL = "anthropic/stream_haiku45_tool_use_live.sse";
    private static final String ERROR_EVENT = "anthropic/stream_error_event_overloaded.sse";
    private static final Usage BASIC_USAGE = new Usage(11, 0, 0, 0, 6, 0);

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(AnthropicTestSupport::config);
    private final MockWebServer server = loopback.server();
    private final RecordingListener listener = new RecordingListener();

    private void useNoRetries() {
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
    }

    private ChatResponse stream(String model) {
        return loopback.provider().chat(
                ChatRequest.builder(model).user("Hi").stream(true).build(), listener, Cancellation.none());
    }

    private ProviderException failure(String model) {
        try {
            stream(model);
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    /** The events of a recorded stream, each with a blank line after it (the last one has none in the file). */
    private static List<String> events(String fixture) {
        return Arrays.stream(Fixtures.text(fixture).split("\n\n"))
                .filter(e -> !e.isBlank())
                .map(e -> e.strip() + "\n\n")
                .toList();
    }

    private static String join(List<String> events) {
        return String.join("", events);
    }

    @Test
    void messageDeltaUsageOverridesMessageStartUsageFieldByField() {
        // Constructed from the basic stream: a message_delta that reports cumulative input and cache counts
        // too (as newer models do, see the Haiku 4.5 recording), with output_tokens grown from 1 to 9.
        List<String> events = events(BASIC);
        String delta = "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                + "\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":20,\"cache_read_input_tokens\":5,"
                + "\"output_tokens\":9}}\n\n";
        server.enqueue(Responses.sse(join(events.subList(0, 7)) + delta + events.get(8)));

        ChatResponse response = stream("claude-3-opus-latest");

        assertThat(response.text()).isEqualTo("Hello there!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.rawFinishReason()).isEqualTo("max_tokens");
        assertThat(response.usage()).isEqualTo(new Usage(20, 5, 0, 0, 9, 0));
    }

    @Test
    void aStreamWithCacheReadsAndBothWriteBuckets() {
        // SOURCES.md: no real Anthropic stream with non-zero cache counts exists, so this is the live Haiku 4.5
        // stream with its numbers edited: 1800 read, 1300 written (300 at 5m, 1000 at 1h).
        String edited = Fixtures.text(HAIKU_TOOL)
                .replace("\"input_tokens\":656,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0}",
                        "\"input_tokens\":12,\"cache_creation_input_tokens\":1300,\"cache_read_input_tokens\":1800,"
                                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":300,\"ephemeral_1h_input_tokens\":1000}")
                .replace("\"input_tokens\":656,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,",
                        "\"input_tokens\":12,\"cache_creation_input_tokens\":1300,\"cache_read_input_tokens\":1800,");
        assertThat(edited).doesNotContain("656");
        server.enqueue(Responses.sse(edited));

        ChatResponse response = stream("claude-haiku-4-5");

        // message_delta repeats the totals without the breakdown: message_start's 5m/1h split stands.
        assertThat(response.usage()).isEqualTo(new Usage(12, 1800, 300, 1000, 74, 0));
    }

    @Test
    void cacheWritesTheBreakdownDoesNotCoverCountAtTheDefaultTtl() {
        // Constructed: message_start's breakdown says 0/0, message_delta raises only the total to 500.
        String edited = Fixtures.text(HAIKU_TOOL).replace(
                "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":74",
                "\"cache_creation_input_tokens\":500,\"cache_read_input_tokens\":0,\"output_tokens\":74");
        assertThat(edited).contains("\"cache_creation_input_tokens\":500");
        server.enqueue(Responses.sse(edited));

        assertThat(stream("claude-haiku-4-5").usage()).isEqualTo(new Usage(656, 0, 500, 0, 74, 0));
    }

    @Test
    void aMidStreamErrorEventIsOverloadedAndRetried() {
        server.enqueue(Responses.sse(Fixtures.text(ERROR_EVENT)));
        server.enqueue(Responses.sse(Fixtures.text(BASIC)));

        ChatResponse response = stream("claude-3-opus-latest");

        assertThat(response.text()).isEqualTo("Hello there!");
        assertThat(response.usage()).isEqualTo(BASIC_USAGE);
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(listener.attempts).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.RETRYING, Attempt.Outcome.SUCCEEDED);
        Attempt first = listener.attempts.get(0);
        assertThat(first.error().kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(first.error().retryable()).isTrue();
        assertThat(first.error().getMessage()).contains("provider 'anthropic'", "model 'claude-3-opus-latest'",
                "error event in stream: Overloaded");
        assertThat(first.usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    void anErrorEventAfterSomeTextBillsWhatWasReported() {
        useNoRetries();
        // Constructed: the basic stream's first five events, then the recorded error event.
        server.enqueue(Responses.sse(join(events(BASIC).subList(0, 5)) + Fixtures.text(ERROR_EVENT)));

        ProviderException e = failure("claude-3-opus-latest");

        assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(listener.deltas).containsExactly("Hello", " there");
        assertThat(listener.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Attempt.Outcome.FAILED);
            assertThat(a.usage()).isEqualTo(new Usage(11, 0, 0, 0, 1, 0));
        });
    }

    @Test
    void aTruncatedStreamIsRetriedAndTheNextGoodOneWins() {
        // A chunked body that ends cleanly after three events: no message_delta, no message_stop.
        server.enqueue(new ScriptedBody().write(join(events(BASIC).subList(0, 4))).end().sse());
        server.enqueue(Responses.sse(Fixtures.text(BASIC)));

        ChatResponse response = stream("claude-3-opus-latest");

        assertThat(response.text()).isEqualTo("Hello there!");
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(listener.attempts.get(0).outcome()).isEqualTo(Attempt.Outcome.RETRYING);
        assertThat(listener.attempts.get(0).error().kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(listener.attempts.get(0).usage()).isEqualTo(new Usage(11, 0, 0, 0, 1, 0));
        // The failed attempt's first delta reached the listener before the retry's text.
        assertThat(listener.deltas).containsExactly("Hello", "Hello", " there", "!");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel",
        "not json at all",
        "null",
        "42",
        "[\"message_start\"]",
        "{\"type\":5}",
        "{\"index\":0}",
        "{\"type\":\"message_start\"}",
    })
    void anUnreadableEventIsMalformedNeverAnNpe(String data) {
        useNoRetries();
        List<String> events = events(BASIC);
        server.enqueue(Responses.sse(join(events.subList(0, 4)) + "event: content_block_delta\ndata: " + data + "\n\n"
                + join(events.subList(4, events.size()))));

        ProviderException e = failure("claude-3-opus-latest");

        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).doesNotContain("NullPointerException").doesNotContain(KEY);
        assertThat(e.getCause()).isNull();
        assertThat(listener.attempts).singleElement().extracting(Attempt::usage)
                .isEqualTo(new Usage(11, 0, 0, 0, 1, 0));
    }

    @Test
    void eventsOfUnexpectedShapeAreSkipped() {
        // Constructed: odd but parseable events between the recorded ones carry nothing and must not break the
        // stream (nulls and strings where objects belong, unknown event types).
        List<String> events = events(BASIC);
        String odd = String.join("",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":null}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":\"text\"}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\","
                        + "\"text\":7}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"content_block\":[]}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":7,\"usage\":\"lots\"}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"output_tokens\":null}}\n\n",
                "event: citations_delta\ndata: {\"type\":\"some_future_event\",\"payload\":{}}\n\n",
                ": a comment line\n\n");
        server.enqueue(Responses.sse(join(events.subList(0, 4)) + odd + join(events.subList(4, events.size()))));

        ChatResponse response = stream("claude-3-opus-latest");

        assertThat(response.text()).isEqualTo("Hello there!");
        assertThat(listener.deltas).containsExactly("Hello", " there", "!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(BASIC_USAGE);
    }

    @Test
    void textInAContentBlockStartIsPartOfTheAnswer() {
        // Constructed: the API opens text blocks empty, but the block's initial text belongs to the answer.
        server.enqueue(Responses.sse(Fixtures.text(BASIC).replace(
                "\"content_block\":{\"type\":\"text\",\"text\":\"\"}", "\"content_block\":{\"type\":\"text\",\"text\":\">> \"}")));

        ChatResponse response = stream("claude-3-opus-latest");

        assertThat(listener.deltas).containsExactly(">> ", "Hello", " there", "!");
        assertThat(response.text()).isEqualTo(">> Hello there!");
    }

    @Test
    void aStreamWithoutUsageIsMalformed() {
        useNoRetries();
        // Constructed: the basic stream with both usage objects removed.
        server.enqueue(Responses.sse(Fixtures.text(BASIC)
                .replace(",\"usage\":{\"input_tokens\":11,\"output_tokens\":1}", "")
                .replace(",\"usage\":{\"output_tokens\":6}", "")));

        ProviderException e = failure("claude-3-opus-latest");

        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("stream reports no token usage");
    }

    @Test
    void anErrorObjectSentInPlaceOfAStreamIsClassifiedByItsType() {
        server.enqueue(Responses.json(200, Fixtures.text("anthropic/error_529_overloaded_error.json")));
        server.enqueue(Responses.sse(Fixtures.text(BASIC)));

        ChatResponse response = stream("claude-3-opus-latest");

        assertThat(response.attempts()).isEqualTo(2);
        assertThat(listener.attempts.get(0).error().kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(listener.attempts.get(0).error().getMessage()).contains("expected an event stream but got: Overloaded");
    }
}
