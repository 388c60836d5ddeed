package io.ailanes.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.Message;
import io.ailanes.engine.provider.OutputSchema;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.Providers;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic adapter against the SDK's recorded bodies and streams, served over real HTTP on loopback. */
class AnthropicWireTest {

    private static final String KEY = "sk-ant-test-LEAKCHECK-0123456789abcdef";

    private final MockWebServer server = new MockWebServer();
    private ChatProvider provider;

    @BeforeEach
    void start() throws Exception {
        server.start();
        provider = Providers.create(ProviderConfig.of("anthropic", ProviderKind.ANTHROPIC,
                        server.url("/").toString(), ApiKey.of(KEY))
                .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0, Duration.ofSeconds(1))));
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private static ChatRequest.Builder request() {
        return ChatRequest.builder("claude-sonnet-4-5").user("Hello");
    }

    private ProviderException failure(ChatRequest request) {
        try {
            provider.chat(request);
        } catch (ProviderException e) {
            assertThat(e.getMessage()).doesNotContain(KEY);
            return e;
        }
        throw new AssertionError("the call should have failed");
    }

    @Test
    void readsTheLiveSonnet45ResponseWithEveryUsageField() throws Exception {
        server.enqueue(Responses.json(200, Fixtures.text("anthropic/messages_response_sonnet45_usage_cache_fields.json")));

        ChatResponse response = provider.chat(request().build());

        assertThat(response.text()).startsWith("{\"items\":[{\"product_name\":\"Green Tea\"").endsWith("\"total\":14.0}");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("end_turn");
        assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(response.responseId()).isEqualTo("msg_01T4jd6NyD9xGGtTPDC4ogy5");
        assertThat(response.usage()).isEqualTo(new Usage(406, 0, 0, 0, 50, 0));

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(sent.getHeaders().get("x-api-key")).isEqualTo(KEY);
        assertThat(sent.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void concatenatesOnlyTextBlocksOfAServerToolResponse() {
        server.enqueue(Responses.json(200, Fixtures.text("anthropic/messages_response_server_tool_use_web_search.json")));

        ChatResponse response = provider.chat(request().build());

        assertThat(response.text()).startsWith("Today in San Francisco, there are showers").contains("low of 45°F");
        assertThat(response.usage()).isEqualTo(new Usage(11306, 0, 0, 0, 163, 0));
        assertThat(response.model()).isEqualTo("claude-haiku-4-5-20251001");
    }

    @Test
    void structuredOutputRequestMatchesTheSdksRecordedRequest() throws Exception {
        JsonNode recorded = Fixtures.json("anthropic/messages_request_structured_output.json");
        JsonNode schema = recorded.at("/output_config/format/schema");
        server.enqueue(Responses.json(200, Fixtures.text("anthropic/messages_response_sonnet45_usage_cache_fields.json")));

        provider.chat(ChatRequest.builder("claude-sonnet-4-5")
                .user(recorded.at("/messages/0/content").asText())
                .maxOutputTokens(1024)
                .outputSchema(new OutputSchema("OrderDetails", schema, true))
                .build());

        JsonNode sent = Json.tryParse(server.takeRequest().getBody().utf8()).orElseThrow();
        assertThat(sent).isEqualTo(recorded);
    }

    @Test
    void theRecordedParseExchangeRoundTrips() throws Exception {
        JsonNode recording = Fixtures.json("anthropic/recording_messages_parse_sonnet45.json").get(0);
        JsonNode response = recording.path("response");
        server.enqueue(Responses.json(response.path("status_code").asInt(), response.path("body").toString()));
        JsonNode recordedBody = recording.at("/request/body");
        JsonNode recordedRequest = recordedBody.isTextual() ? Json.tryParse(recordedBody.asText()).orElseThrow() : recordedBody;

        ChatResponse parsed = provider.chat(ChatRequest.builder(recordedRequest.path("model").asText())
                .user(recordedRequest.at("/messages/0/content").asText())
                .maxOutputTokens(recordedRequest.path("max_tokens").asInt())
                .outputSchema(new OutputSchema("OrderDetails", recordedRequest.at("/output_config/format/schema"), true))
                .build());

        assertThat(parsed.usage()).isEqualTo(new Usage(406, 0, 0, 0, 50, 0));
        assertThat(Json.tryParse(server.takeRequest().getBody().utf8()).orElseThrow()).isEqualTo(recordedRequest);
        assertThat(recording.at("/request/headers/anthropic-version").asText()).isEqualTo(AnthropicAdapter.VERSION);
    }

    @Test
    void replaysTheRecorded429s429sThen200() throws Exception {
        JsonNode recording = Fixtures.json("anthropic/recording_429_429_then_200.json");
        for (JsonNode exchange : recording) {
            JsonNode response = exchange.path("response");
            MockResponse.Builder builder = new MockResponse.Builder().code(response.path("status_code").asInt());
            for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                if (!header.getKey().equalsIgnoreCase("content-length") && !header.getKey().equalsIgnoreCase("connection")) {
                    builder.addHeader(header.getKey(), header.getValue().asText());
                }
            }
            JsonNode body = response.path("body");
            server.enqueue(builder.body(body.isTextual() ? body.asText() : body.toString()).build());
        }
        RecordingListener listener = new RecordingListener();

        ChatResponse response = provider.chat(request().build(), listener, Cancellation.none());

        assertThat(response.attempts()).isEqualTo(3);
        assertThat(listener.attempts).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.RETRYING, Attempt.Outcome.RETRYING, Attempt.Outcome.SUCCEEDED);
        assertThat(listener.attempts.get(0).error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(listener.attempts.get(0).error().getMessage()).contains("HTTP 429", "rate limit of 20,000,000 prompt bytes");
        assertThat(response.text()).startsWith("{\"items\":");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void errorsAreClassifiedFromTheProvidersOwnBodies() {
        server.enqueue(Responses.json(400, Fixtures.text("anthropic/error_400_invalid_request_error.json")));
        ProviderException badRequest = failure(request().build());
        assertThat(badRequest.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(badRequest.attempts()).isEqualTo(1);
        assertThat(badRequest.getMessage()).contains("HTTP 400", "unexpected `tool_use_id` found in `tool_result` blocks");

        for (int i = 0; i < 3; i++) {
            server.enqueue(Responses.json(529, Fixtures.text("anthropic/error_529_overloaded_error.json")));
        }
        ProviderException overloaded = failure(request().build());
        assertThat(overloaded.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(overloaded.attempts()).isEqualTo(3);
        assertThat(overloaded.getMessage()).contains("HTTP 529", "Overloaded");

        server.enqueue(Responses.json(500, Fixtures.text("anthropic/error_500_api_error.json")));
        server.enqueue(Responses.json(429, Fixtures.text("anthropic/error_429_rate_limit_error_account.json")));
        server.enqueue(Responses.json(429, Fixtures.text("anthropic/error_429_rate_limit_error.json")));
        ProviderException mixed = failure(request().build());
        assertThat(mixed.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(mixed.attempts()).isEqualTo(3);

        server.enqueue(Responses.json(500, Fixtures.text("anthropic/error_500_api_error.json")));
        server.enqueue(Responses.json(500, Fixtures.text("anthropic/error_500_api_error.json")));
        server.enqueue(Responses.json(500, Fixtures.text("anthropic/error_500_api_error.json")));
        assertThat(failure(request().build()).getMessage()).contains("HTTP 500", "Internal server error");

        server.enqueue(Responses.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}")); // constructed: no real sample
        assertThat(failure(request().build()).kind()).isEqualTo(ErrorKind.CONTEXT_OVERFLOW);

        server.enqueue(Responses.json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid x-api-key " + KEY + "\"}}")); // a proxy echoing the key must not leak it
        assertThat(failure(request().build()).kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    }

    @Test
    void streamsTheSdkBasicFixtureWithoutItsTrailingNewline() {
        server.enqueue(Responses.sse(Fixtures.text("anthropic/stream_basic_text.sse")));
        RecordingListener listener = new RecordingListener();

        ChatResponse response = provider.chat(request().stream(true).build(), listener, Cancellation.none());

        assertThat(listener.deltas).containsExactly("Hello", " there", "!");
        assertThat(response.text()).isEqualTo("Hello there!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.model()).isEqualTo("claude-3-opus-latest");
        // message_start says output 1; message_delta's cumulative 6 wins.
        assertThat(response.usage()).isEqualTo(new Usage(11, 0, 0, 0, 6, 0));
    }

    @Test
    void toolUseStreamsEndAsToolCallsWithTheirUsage() {
        server.enqueue(Responses.sse(Fixtures.text("anthropic/stream_tool_use_sonnet4.sse")));
        ChatResponse sonnet = provider.chat(request().stream(true).build());
        assertThat(sonnet.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
        assertThat(sonnet.rawFinishReason()).isEqualTo("tool_use");
        assertThat(sonnet.usage()).isEqualTo(new Usage(377, 0, 0, 0, 65, 0));
        assertThat(sonnet.model()).isEqualTo("claude-sonnet-4-20250514");

        server.enqueue(Responses.sse(Fixtures.text("anthropic/stream_haiku45_tool_use_live.sse")));
        ChatResponse haiku = provider.chat(request().stream(true).build());
        assertThat(haiku.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
        assertThat(haiku.usage()).isEqualTo(new Usage(656, 0, 0, 0, 74, 0));
    }

    @Test
    void aMidStreamOverloadedErrorIsRetriedThenSucceeds() {
        server.enqueue(Responses.sse(Fixtures.text("anthropic/stream_error_event_overloaded.sse")));
        server.enqueue(Responses.sse(Fixtures.text("anthropic/stream_basic_text.sse")));
        RecordingListener listener = new RecordingListener();

        ChatResponse response = provider.chat(request().stream(true).build(), listener, Cancellation.none());

        assertThat(response.attempts()).isEqualTo(2);
        assertThat(listener.attempts.get(0).error().kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(listener.attempts.get(0).error().getMessage()).contains("error event in stream: Overloaded");
        assertThat(response.text()).isEqualTo("Hello there!");
    }

    @Test
    void aTruncatedStreamIsMalformedAndRetryable() {
        String stream = Fixtures.text("anthropic/stream_basic_text.sse");
        String cut = stream.substring(0, stream.indexOf("event: message_delta"));
        for (int i = 0; i < 3; i++) {
            server.enqueue(Responses.sse(cut));
        }
        ProviderException e = failure(request().stream(true).build());
        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("truncated before message_stop");
    }

    @Test
    void cacheReadsAndBothCacheWriteDurationsLandInTheirBuckets() {
        // Constructed from the real sample by editing its usage numbers: no real non-zero cache sample exists.
        ObjectNode body = (ObjectNode) Fixtures.json("anthropic/messages_response_sonnet45_usage_cache_fields.json");
        ObjectNode usage = (ObjectNode) body.get("usage");
        usage.put("input_tokens", 120).put("cache_read_input_tokens", 9000).put("cache_creation_input_tokens", 3000);
        ((ObjectNode) usage.get("cache_creation")).put("ephemeral_5m_input_tokens", 2000).put("ephemeral_1h_input_tokens", 1000);
        server.enqueue(Responses.json(200, body.toString()));

        assertThat(provider.chat(request().build()).usage()).isEqualTo(new Usage(120, 9000, 2000, 1000, 50, 0));
    }

    @Test
    void theStablePrefixCarriesCacheControl() throws Exception {
        server.enqueue(Responses.json(200, Fixtures.text("anthropic/messages_response_sonnet45_usage_cache_fields.json")));

        provider.chat(ChatRequest.builder("claude-sonnet-4-5")
                .system("You implement plans.")
                .message(Message.user("PLAN AND FILES").asCacheBreakpoint())
                .user("round 2: the test still fails")
                .temperature(1.7)
                .stop(java.util.List.of("END"))
                .build());

        JsonNode sent = Json.tryParse(server.takeRequest().getBody().utf8()).orElseThrow();
        assertThat(sent.at("/system/0/text").asText()).isEqualTo("You implement plans.");
        assertThat(sent.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(sent.at("/messages/0/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(sent.at("/messages/1/content").asText()).as("the variable suffix is not cached")
                .isEqualTo("round 2: the test still fails");
        assertThat(sent.path("temperature").asDouble()).as("clamped to Anthropic's range").isEqualTo(1.0);
        assertThat(sent.at("/stop_sequences/0").asText()).isEqualTo("END");
    }

    @Test
    void atMostThreeMessageBreakpointsAreSentKeepingTheLast() throws Exception {
        server.enqueue(Responses.json(200, Fixtures.text("anthropic/messages_response_sonnet45_usage_cache_fields.json")));
        ChatRequest.Builder builder = ChatRequest.builder("claude-sonnet-4-5").system("s");
        for (int i = 0; i < 5; i++) {
            builder.message(Message.user("m" + i).asCacheBreakpoint());
        }
        provider.chat(builder.build());

        JsonNode messages = Json.tryParse(server.takeRequest().getBody().utf8()).orElseThrow().path("messages");
        assertThat(messages.get(0).path("content").isTextual()).isTrue();
        assertThat(messages.get(1).path("content").isTextual()).isTrue();
        for (int i = 2; i < 5; i++) {
            assertThat(messages.get(i).at("/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
        }
    }

    @Test
    void aBaseUrlEndingInV1IsNotDoubled() throws Exception {
        try (ChatProvider v1 = Providers.create(ProviderConfig.of("anthropic", ProviderKind.ANTHROPIC,
                server.url("/v1").toString(), ApiKey.of(KEY)))) {
            server.enqueue(Responses.json(200, Fixtures.text("anthropic/messages_response_sonnet45_usage_cache_fields.json")));
            v1.chat(request().build());
            assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/messages");
        }
    }

    @Test
    void invalidStreamEventsAreMalformedNeverNullPointers() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Responses.sse("event: message_start\ndata: {\"type\":\"message_start\"}\n\n"));
        }
        assertThat(failure(request().stream(true).build()).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        for (int i = 0; i < 3; i++) {
            server.enqueue(Responses.sse("event: content_block_delta\ndata: {not json\n\n"));
        }
        assertThatThrownBy(() -> provider.chat(request().stream(true).build()))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
    }

    @Test
    void theRecorded429HeadersAndBodyAreRetriedAsTheServerAsks() {
        // The status and headers of a real 429 (x-should-retry: true) with its real body; then a success.
        JsonNode recorded = Fixtures.json("anthropic/error_429_rate_limit_error.headers.json");
        MockResponse.Builder builder = new MockResponse.Builder().code(recorded.path("status_code").asInt());
        recorded.path("headers").fields().forEachRemaining(h -> {
            if (!h.getKey().equals("content-length") && !h.getKey().equals("connection")) {
                builder.addHeader(h.getKey(), h.getValue().asText());
            }
        });
        server.enqueue(builder.body(Fixtures.text("anthropic/error_429_rate_limit_error.json")).build());
        server.enqueue(Responses.json(200, Fixtures.text("anthropic/messages_response_sonnet45_usage_cache_fields.json")));

        ChatResponse response = provider.chat(request().build());

        assertThat(response.attempts()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void everyAnthropicFixtureIsUsedByThisClass() throws Exception {
        String source = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/test/java/io/ailanes/engine/provider/anthropic/AnthropicWireTest.java"));
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/test/resources/wire/anthropic"))) {
            files.map(f -> "anthropic/" + f.getFileName()).forEach(name ->
                    assertThat(source).as("a test uses " + name).contains("\"" + name + "\""));
        }
    }
}
