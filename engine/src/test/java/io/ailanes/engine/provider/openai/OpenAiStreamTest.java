package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.Providers;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.SseEvent;
import io.ailanes.engine.provider.SseReader;
import io.ailanes.engine.provider.StreamDecoder;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.provider.WireException;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The recorded gpt-4o event streams (openai-python's live recordings) and the doc's non-SSE example. */
class OpenAiStreamTest {

    private final MockWebServer server = new MockWebServer();
    private ChatProvider provider;

    @BeforeEach
    void start() throws Exception {
        server.start();
        provider = Providers.create(ProviderConfig.of(
                        "openai", ProviderKind.OPENAI, server.url("/v1").toString(), ApiKey.of("sk-test"))
                .withRetry(RetryPolicy.NONE));
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private ChatResponse stream(String sse, RecordingListener listener) {
        server.enqueue(Responses.sse(sse));
        return provider.chat(ChatRequest.builder("gpt-4o").user("What's the weather like in SF?").stream(true).build(),
                listener, Cancellation.none());
    }

    @Test
    void textStreamWithUsageChunk() throws Exception {
        RecordingListener listener = new RecordingListener();

        ChatResponse response = stream(Fixtures.text("openai/stream_gpt4o_text_include_usage.sse"), listener);

        assertThat(response.text()).isEqualTo("I'm unable to provide real-time weather updates. To get the current"
                + " weather in San Francisco, I recommend checking a reliable weather website or a weather app.");
        assertThat(listener.streamedText()).isEqualTo(response.text());
        // 30 non-empty content deltas; the first chunk's "" is not passed on.
        assertThat(listener.deltas).hasSize(30).doesNotContain("");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(response.responseId()).isEqualTo("chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL");
        assertThat(response.usage()).isEqualTo(new Usage(14, 0, 0, 0, 30, 0));
        assertThat(listener.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Attempt.Outcome.SUCCEEDED);
            assertThat(a.usage()).isEqualTo(response.usage());
        });

        JsonNode sent = Json.tryParse(server.takeRequest().getBody().utf8()).orElseThrow();
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void withSeveralChoicesOnlyTheFirstChoiceIsStreamedAndAnswered() {
        RecordingListener listener = new RecordingListener();
        String chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":"
                + "[{\"index\":%d,\"delta\":{\"content\":\"%s\"},\"finish_reason\":%s}]}\n\n";
        String sse = chunk.formatted(0, "{\\\"city", "null") + chunk.formatted(1, "{\\\"town", "null")
                + chunk.formatted(0, "\\\": 1}", "null") + chunk.formatted(1, "\\\": 2}", "\"length\"")
                + chunk.formatted(0, "", "\"stop\"")
                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":12,\"total_tokens\":17}}\n\n"
                + "data: [DONE]\n\n";

        ChatResponse response = stream(sse, listener);

        assertThat(response.text()).isEqualTo("{\"city\": 1}");
        assertThat(listener.streamedText()).isEqualTo(response.text());
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.usage()).as("every choice is billed").isEqualTo(new Usage(5, 0, 0, 0, 12, 0));
    }

    @Test
    void refusalStreamBecomesTheTextWithContentFilter() {
        RecordingListener listener = new RecordingListener();

        ChatResponse response = stream(Fixtures.text("openai/stream_gpt4o_refusal.sse"), listener);

        assertThat(response.text()).isEqualTo("I'm sorry, I can't assist with that request.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(response.responseId()).isEqualTo("chatcmpl-ABfw4IfQfCCrcuybFm41wJyxjbkz7");
        assertThat(response.usage()).isEqualTo(new Usage(79, 0, 0, 0, 11, 0));
        // A refusal is a verdict, not model output: progress listeners see no text.
        assertThat(listener.deltas).isEmpty();
    }

    @Test
    void lengthStopIsReportedAsLength() {
        RecordingListener listener = new RecordingListener();

        ChatResponse response = stream(Fixtures.text("openai/stream_gpt4o_finish_length.sse"), listener);

        assertThat(response.text()).isEqualTo("{\"");
        assertThat(listener.deltas).containsExactly("{\"");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.rawFinishReason()).isEqualTo("length");
        assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(response.responseId()).isEqualTo("chatcmpl-ABfw3Oqj8RD0z6aJiiX37oTjV2HFh");
        assertThat(response.usage()).isEqualTo(new Usage(79, 0, 0, 0, 1, 0));
    }

    @Test
    void toolCallStreamEndsCleanlyWithUsage() {
        RecordingListener listener = new RecordingListener();

        ChatResponse response = stream(Fixtures.text("openai/stream_gpt4o_tool_call_include_usage.sse"), listener);

        // AI Lanes sends no tools; a tool call yields no text, and the arguments are not leaked as text.
        assertThat(response.text()).isEmpty();
        assertThat(listener.deltas).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
        assertThat(response.rawFinishReason()).isEqualTo("tool_calls");
        assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(response.responseId()).isEqualTo("chatcmpl-ABfwCgi41eStOcARjZq97ohCEGBPO");
        assertThat(response.usage()).isEqualTo(new Usage(48, 0, 0, 0, 19, 0));
    }

    @Test
    void docsExampleIsNotSseAndFailsCleanlyOverHttp() {
        // chat_completion_streaming_docs_example.txt is the API reference's illustration: bare chunk JSON with
        // no "data:" prefixes and a literal "...." line (wire/SOURCES.md). Served as a stream it must be a
        // clean MALFORMED_RESPONSE, not a crash.
        assertThatThrownBy(() -> stream(Fixtures.text("openai/chat_completion_streaming_docs_example.txt"),
                        new RecordingListener()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("provider 'openai'", "model 'gpt-4o'",
                            "expected an event stream");
                    assertThat(e).hasNoCause();
                    assertThat(e.attempts()).isEqualTo(1);
                });
    }

    @Test
    void docsExampleReadAsSseHasNoDataEventsAndTheDecoderReportsNoFinish() throws Exception {
        // The same sample through the SSE reader directly: lines without "data:" are unknown fields, so no
        // event reaches the decoder and finish() must say why instead of throwing an NPE.
        StreamDecoder decoder = new OpenAiAdapter(config()).streamDecoder(request());
        try (SseReader reader = new SseReader(new ByteArrayInputStream(
                Fixtures.bytes("openai/chat_completion_streaming_docs_example.txt")))) {
            SseEvent event;
            while ((event = reader.next()) != null) {
                decoder.accept(event, new RecordingListener());
            }
        }

        assertThat(decoder.complete()).isFalse();
        assertThatThrownBy(decoder::finish).isInstanceOfSatisfying(WireException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains("no finish_reason");
        });
    }

    @Test
    void streamCutOffBeforeTheFinishChunkIsMalformed() {
        // The real text stream, truncated after its first five events (a dropped connection).
        String[] events = Fixtures.text("openai/stream_gpt4o_text_include_usage.sse").split("\n\n");
        String truncated = Arrays.stream(events).limit(5).collect(Collectors.joining("\n\n", "", "\n\n"));
        RecordingListener listener = new RecordingListener();

        assertThatThrownBy(() -> stream(truncated, listener))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("stream ended before the model finished");
                });
        assertThat(listener.streamedText()).isEqualTo("I'm unable to provide");
    }

    @Test
    void streamWithoutTheUsageChunkCannotBePriced() {
        // The real length stream minus its usage chunk: what a server that ignores include_usage sends.
        String sse = Arrays.stream(Fixtures.text("openai/stream_gpt4o_finish_length.sse").split("\n\n"))
                .filter(event -> !event.contains("\"usage\""))
                .collect(Collectors.joining("\n\n", "", "\n\n"));

        assertThatThrownBy(() -> stream(sse, new RecordingListener()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("stream_options.include_usage");
                });
    }

    private static ProviderConfig config() {
        return ProviderConfig.of("openai", ProviderKind.OPENAI, "https://api.openai.com/v1", ApiKey.NONE);
    }

    private static ChatRequest request() {
        return ChatRequest.builder("gpt-4o").user("Hi").stream(true).build();
    }
}
