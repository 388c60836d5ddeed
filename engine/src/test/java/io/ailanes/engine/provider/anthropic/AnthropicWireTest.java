package io.ailanes.engine.provider.anthropic;

import static io.ailanes.engine.provider.anthropic.AnthropicTestSupport.KEY;
import static io.ailanes.engine.provider.anthropic.AnthropicTestSupport.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.Message;
import io.ailanes.engine.provider.OutputSchema;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.Responses;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Non-streamed Messages API calls: the request we send and the replies Anthropic recorded, over loopback HTTP. */
class AnthropicWireTest {

    private static final String CACHE_FIELDS = "anthropic/messages_response_sonnet45_usage_cache_fields.json";
    private static final String STRUCTURED_REQUEST = "anthropic/messages_request_structured_output.json";
    private static final String RECORDING = "anthropic/recording_messages_parse_sonnet45.json";
    private static final String ORDER_PROMPT = "Extract order: 2 Green Tea at $5.50 and 1 Coffee at $3.00. Total $14.";
    private static final String ORDER_JSON = "{\"items\":[{\"product_name\":\"Green Tea\",\"price\":5.50,\"quantity\":2},"
            + "{\"product_name\":\"Coffee\",\"price\":3.00,\"quantity\":1}],\"total\":14.0}";

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(AnthropicTestSupport::config);
    private final MockWebServer server = loopback.server();

    private ChatProvider providerAt(String basePath, Map<String, String> headers) {
        return loopback.use(AnthropicTestSupport.config(server, basePath).withHeaders(headers));
    }

    /** Sends {@code request} against a canned reply and returns the body we sent. */
    private JsonNode sentBody(ChatRequest request) throws Exception {
        server.enqueue(Responses.json(200, Fixtures.text(CACHE_FIELDS)));
        loopback.provider().chat(request);
        return body(server.takeRequest());
    }

    /** The schema the SDK sent in the recorded structured-output request. */
    private static OutputSchema orderSchema() {
        return new OutputSchema("OrderDetails",
                Fixtures.json(STRUCTURED_REQUEST).at("/output_config/format/schema").deepCopy(), true);
    }

    private static ChatRequest orderRequest() {
        return ChatRequest.builder("claude-sonnet-4-5").user(ORDER_PROMPT).outputSchema(orderSchema()).build();
    }

    @Test
    void sendsTheRequestShapeTheRecordingShowsAndReadsItsReply() throws Exception {
        JsonNode exchange = Fixtures.json(RECORDING).get(0);
        server.enqueue(AnthropicTestSupport.recorded(exchange.get("response")));

        // The recorded request has no system block, so neither has ours.
        ChatResponse response = loopback.provider().chat(orderRequest());

        assertThat(response.text()).isEqualTo(ORDER_JSON);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("end_turn");
        assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(response.responseId()).isEqualTo("msg_01T4jd6NyD9xGGtTPDC4ogy5");
        assertThat(response.usage()).isEqualTo(new Usage(406, 0, 0, 0, 50, 0));

        RecordedRequest sent = server.takeRequest();
        JsonNode recordedRequest = exchange.get("request");
        assertThat(body(sent)).isEqualTo(recordedRequest.get("body"));
        assertThat(sent.getMethod()).isEqualTo(recordedRequest.get("method").asText());
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
        for (String name : List.of("anthropic-version", "accept", "content-type")) {
            assertThat(sent.getHeaders().get(name)).as(name)
                    .startsWith(recordedRequest.get("headers").get(name).asText());
        }
    }

    @Test
    void structuredOutputMatchesTheSdkRequest() throws Exception {
        JsonNode sdk = Fixtures.json(STRUCTURED_REQUEST);

        JsonNode ours = sentBody(orderRequest());

        assertThat(ours.get("output_config")).isEqualTo(sdk.get("output_config"));
        assertThat(ours).isEqualTo(sdk);

        // With a system prompt the rest of the body is unchanged.
        ObjectNode withSystem = (ObjectNode) sentBody(ChatRequest.builder("claude-sonnet-4-5").system("Be exact.")
                .user(ORDER_PROMPT).outputSchema(orderSchema()).build());
        assertThat(withSystem.remove("system")).isNotNull();
        assertThat(withSystem).isEqualTo(sdk);
    }

    @Test
    void sendsKeyAndVersionHeadersToV1Messages() throws Exception {
        server.enqueue(Responses.json(200, Fixtures.text(CACHE_FIELDS)));

        loopback.provider().chat(ChatRequest.builder("claude-sonnet-4-5").user("Hi").build());

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(sent.getHeaders().values("x-api-key")).containsExactly(KEY);
        assertThat(sent.getHeaders().values("anthropic-version")).containsExactly("2023-06-01");
        assertThat(sent.getHeaders().get("Authorization")).isNull();
        assertThat(sent.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(sent.getHeaders().get("Content-Type")).startsWith("application/json");
    }

    @Test
    void aBaseUrlEndingInV1GetsOnlyMessagesAppended() throws Exception {
        providerAt("/proxy/anthropic/v1", Map.of());
        server.enqueue(Responses.json(200, Fixtures.text(CACHE_FIELDS)));
        loopback.provider().chat(ChatRequest.builder("claude-sonnet-4-5").user("Hi").build());
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/proxy/anthropic/v1/messages");

        providerAt("/proxy/anthropic/", Map.of());
        server.enqueue(Responses.json(200, Fixtures.text(CACHE_FIELDS)));
        loopback.provider().chat(ChatRequest.builder("claude-sonnet-4-5").user("Hi").build());
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/proxy/anthropic/v1/messages");
    }

    @Test
    void aConfiguredVersionHeaderIsSentOnceAndWins() throws Exception {
        providerAt("/", Map.of("Anthropic-Version", "2023-01-01", "anthropic-beta", "output-128k-2025-02-19"));
        server.enqueue(Responses.json(200, Fixtures.text(CACHE_FIELDS)));

        loopback.provider().chat(ChatRequest.builder("claude-sonnet-4-5").user("Hi").build());

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getHeaders().values("anthropic-version")).containsExactly("2023-01-01");
        assertThat(sent.getHeaders().values("anthropic-beta")).containsExactly("output-128k-2025-02-19");
        assertThat(sent.getHeaders().values("x-api-key")).containsExactly(KEY);
    }

    @Test
    void theSystemPromptIsOneTextBlockCachedOnlyWithAMarkedPrefix() throws Exception {
        JsonNode body = sentBody(ChatRequest.builder("claude-sonnet-4-5").system("You review diffs.").user("Hi")
                .maxOutputTokens(300).build());

        // Nothing marked: nothing is written to the cache (a write costs 1.25x input and nothing would read it).
        assertThat(body).isEqualTo(Json.tryParse("""
                {"model":"claude-sonnet-4-5","max_tokens":300,
                 "system":[{"type":"text","text":"You review diffs."}],
                 "messages":[{"role":"user","content":"Hi"}]}""").orElseThrow());

        JsonNode marked = sentBody(ChatRequest.builder("claude-sonnet-4-5").system("You review diffs.")
                .message(Message.user("Hi").asCacheBreakpoint()).maxOutputTokens(300).build());

        assertThat(marked.get("system")).isEqualTo(Json.tryParse("""
                [{"type":"text","text":"You review diffs.","cache_control":{"type":"ephemeral"}}]""").orElseThrow());
    }

    @Test
    void aBlankSystemPromptIsLeftOut() throws Exception {
        // Anthropic refuses an empty text block; a blank system prompt means none.
        JsonNode body = sentBody(ChatRequest.builder("claude-sonnet-4-5").system("  ").user("Hi").build());

        assertThat(body.has("system")).isFalse();
    }

    @Test
    void aCacheBreakpointMessageUsesContentBlockForm() throws Exception {
        JsonNode body = sentBody(ChatRequest.builder("claude-sonnet-4-5")
                .message(Message.user("the stable repository context").asCacheBreakpoint())
                .assistant("Understood.")
                .user("Now review this diff.")
                .build());

        assertThat(body.get("messages")).isEqualTo(Json.tryParse("""
                [{"role":"user","content":[{"type":"text","text":"the stable repository context",
                                            "cache_control":{"type":"ephemeral"}}]},
                 {"role":"assistant","content":"Understood."},
                 {"role":"user","content":"Now review this diff."}]""").orElseThrow());
    }

    @Test
    void onlyTheLastThreeMessageBreakpointsAreKept() throws Exception {
        ChatRequest.Builder request = ChatRequest.builder("claude-sonnet-4-5").system("sys");
        for (int i = 0; i < 5; i++) {
            Message message = i % 2 == 0 ? Message.user("m" + i) : Message.assistant("m" + i);
            request.message(message.asCacheBreakpoint());
        }
        request.user("last, unmarked");

        JsonNode body = sentBody(request.build());

        JsonNode messages = body.get("messages");
        assertThat(messages).hasSize(6);
        // Anthropic allows 4 breakpoints; the system prompt takes one, the last three messages the rest.
        assertThat(messages.get(0).get("content").isTextual()).isTrue();
        assertThat(messages.get(1).get("content").isTextual()).isTrue();
        for (int i = 2; i < 5; i++) {
            assertThat(messages.get(i).get("content")).as("message %d", i).isEqualTo(Json.tryParse(
                    "[{\"type\":\"text\",\"text\":\"m" + i + "\",\"cache_control\":{\"type\":\"ephemeral\"}}]")
                    .orElseThrow());
        }
        assertThat(messages.get(5).get("content").asText()).isEqualTo("last, unmarked");
        assertThat(body.findValues("cache_control")).hasSize(4);
    }

    @Test
    void temperatureIsClampedToAnthropicsRange() throws Exception {
        assertThat(sentBody(ChatRequest.builder("claude-sonnet-4-5").user("Hi").temperature(1.7).build())
                .get("temperature").asDouble()).isEqualTo(1.0);
        assertThat(sentBody(ChatRequest.builder("claude-sonnet-4-5").user("Hi").temperature(0.3).build())
                .get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sentBody(ChatRequest.builder("claude-sonnet-4-5").user("Hi").build()).has("temperature")).isFalse();
    }

    @Test
    void stopSequencesAndTheStreamFlag() throws Exception {
        JsonNode plain = sentBody(ChatRequest.builder("claude-sonnet-4-5").user("Hi")
                .stop(List.of("\n\nHuman:", "END")).build());
        assertThat(plain.get("stop_sequences")).isEqualTo(Json.tryParse("[\"\\n\\nHuman:\",\"END\"]").orElseThrow());
        assertThat(plain.has("stream")).isFalse();

        server.enqueue(Responses.sse(Fixtures.text("anthropic/stream_basic_text.sse")));
        loopback.provider().chat(ChatRequest.builder("claude-3-opus-latest").user("Hi").stream(true).build());
        RecordedRequest streamed = server.takeRequest();
        assertThat(body(streamed).get("stream").asBoolean()).isTrue();
        assertThat(body(streamed).has("stop_sequences")).isFalse();
        assertThat(streamed.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    }
}
