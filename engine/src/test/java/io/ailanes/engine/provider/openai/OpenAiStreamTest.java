package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.SseEvent;
import io.ailanes.engine.provider.SseReader;
import io.ailanes.engine.provider.StreamDecoder;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.provider.WireException;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The recorded gpt-4o event streams (openai-python's live recordings) and the doc's non-SSE example. */
class OpenAiStreamTest {

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(server -> ProviderConfig.of(
                    "openai", ProviderKind.OPENAI, server.url("/v1").toString(), ApiKey.of("sk-test"))
            .withRetry(RetryPolicy.NONE));
    private final MockWebServer server = loopback.server();

    private ChatResponse stream(String sse, RecordingListener listener) {
        server.enqueue(Responses.sse(sse));
        return loopback.provider().chat(
                ChatRequest.builder("gpt-4o").user("What's the weather like in SF?").stream(true).build(),
                listener, Cancellation.none());
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
