package io.ailanes.engine.provider.anthropic;

import static io.ailanes.engine.provider.anthropic.AnthropicTestSupport.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderContract;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The provider contract with Anthropic's recorded Messages API bodies and event streams. */
class AnthropicContractTest extends ProviderContract {

    private static final String CACHE_FIELDS = "anthropic/messages_response_sonnet45_usage_cache_fields.json";
    private static final String BASIC_STREAM = "anthropic/stream_basic_text.sse";
    /** message_start says output_tokens 1; message_delta's cumulative 6 replaces it (not 1 + 6). */
    private static final Usage BASIC_USAGE = new Usage(11, 0, 0, 0, 6, 0);

    @Override
    protected ProviderConfig config(MockWebServer server) {
        return AnthropicTestSupport.config(server);
    }

    @Override
    protected List<String> fixtureFolders() {
        return List.of("anthropic");
    }

    @Override
    protected String model() {
        return "claude-sonnet-4-5";
    }

    @Override
    protected List<Reply> replies() {
        // SOURCES.md: no real Anthropic body with non-zero cache counts exists, so the Sonnet 4.5 body is edited:
        // 1800 read, 1300 written (300 at 5m, 1000 at 1h).
        ObjectNode cached = (ObjectNode) Fixtures.json(CACHE_FIELDS).deepCopy();
        ObjectNode usage = (ObjectNode) cached.get("usage");
        usage.put("input_tokens", 12).put("cache_read_input_tokens", 1800).put("cache_creation_input_tokens", 1300);
        ((ObjectNode) usage.get("cache_creation")).put("ephemeral_5m_input_tokens", 300)
                .put("ephemeral_1h_input_tokens", 1000);
        // The same body without the breakdown, as older API versions sent it: all writes at the default 5m.
        ObjectNode noBreakdown = cached.deepCopy();
        ((ObjectNode) noBreakdown.get("usage")).remove("cache_creation");
        String orderJson = "{\"items\":[{\"product_name\":\"Green Tea\",\"price\":5.50,\"quantity\":2},"
                + "{\"product_name\":\"Coffee\",\"price\":3.00,\"quantity\":1}],\"total\":14.0}";
        Expected sonnet = new Expected(orderJson, FinishReason.STOP, "end_turn", "claude-sonnet-4-5-20250929",
                "msg_01T4jd6NyD9xGGtTPDC4ogy5", new Usage(406, 0, 0, 0, 50, 0));
        return List.of(
                // input_tokens 406 exclude the (zero) cache reads and writes; no separate reasoning count.
                new Reply("Sonnet 4.5 reply with zero cache fields", Fixtures.text(CACHE_FIELDS), "claude-sonnet-4-5",
                        sonnet, null),
                new Reply("cache reads and both cache write buckets", cached.toString(), "claude-sonnet-4-5",
                        withUsage(sonnet, new Usage(12, 1800, 300, 1000, 50, 0)), null),
                new Reply("cache writes without the breakdown", noBreakdown.toString(), "claude-sonnet-4-5",
                        withUsage(sonnet, new Usage(12, 1800, 1300, 0, 50, 0)), null),
                // server_tool_use and web_search_tool_result blocks carry no answer text; the three text blocks are
                // joined. server_tool_use.web_search_requests is billed per search, not per token: no bucket takes it.
                new Reply("server tool reply", Fixtures.text("anthropic/messages_response_server_tool_use_web_search.json"),
                        "claude-haiku-4-5", new Expected("Today in San Francisco, there are showers with breezy and cool"
                                + " conditions, with a high of 52°F. Tonight will be cloudy, becoming windier and"
                                + " chilly, with a shower or two this evening followed by heavy rain late, and watch for"
                                + " flooding on streets and poor drainage areas with a low of 45°F.", FinishReason.STOP,
                                "end_turn", "claude-haiku-4-5-20251001", "msg_011Y4sbfjCq85yJrUA13Dxb3",
                                new Usage(11306, 0, 0, 0, 163, 0)), null));
    }

    private static Expected withUsage(Expected expected, Usage usage) {
        return new Expected(expected.text(), expected.finish(), expected.rawFinish(), expected.model(),
                expected.responseId(), usage);
    }

    @Override
    protected List<StreamReply> streams() {
        return List.of(
                new StreamReply("basic text stream", Fixtures.text(BASIC_STREAM), "claude-3-opus-latest",
                        List.of("Hello", " there", "!"), new Expected("Hello there!", FinishReason.STOP, "end_turn",
                                "claude-3-opus-latest", "msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", BASIC_USAGE)),
                // cache_creation_input_tokens 0 and cache_read_input_tokens 0 in message_start; output 1 -> 65.
                new StreamReply("Sonnet 4 tool use keeps the text and skips the tool input",
                        Fixtures.text("anthropic/stream_tool_use_sonnet4.sse"), "claude-sonnet-4-20250514",
                        List.of("I", "'ll check the current weather in Paris for you."),
                        new Expected("I'll check the current weather in Paris for you.", FinishReason.TOOL_CALL,
                                "tool_use", "claude-sonnet-4-20250514", "msg_019Q1hrJbZG26Fb9BQhrkHEr",
                                new Usage(377, 0, 0, 0, 65, 0))),
                // Only input_json_delta events: no answer text, and no crash on the tool's partial JSON.
                // message_start: input 656, cache 0/0 (5m 0, 1h 0), output 26; message_delta: output 74.
                new StreamReply("live Haiku 4.5 tool use with padded events",
                        Fixtures.text("anthropic/stream_haiku45_tool_use_live.sse"), "claude-haiku-4-5", List.of(),
                        new Expected("", FinishReason.TOOL_CALL, "tool_use", "claude-haiku-4-5-20251001",
                                "msg_01AusY9WEbCaj3N7Tv5J4YjH", new Usage(656, 0, 0, 0, 74, 0))));
    }

    @Test
    void theBasicStreamsLastEventHasNoNewline() {
        // So the basic stream above also shows that an unterminated last event is read.
        assertThat(Fixtures.text(BASIC_STREAM)).endsWith("data: {\"type\":\"message_stop\"}");
    }

    @Override
    protected void assertAskedForAStream(RecordedRequest request) {
        assertThat(body(request).get("stream").asBoolean()).isTrue();
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    }

    @Override
    protected ErrorReply retryableError() {
        return new ErrorReply(Fixtures.text("anthropic/error_500_api_error.json"), 500, ErrorKind.SERVER_ERROR,
                List.of("provider server error: Internal server error"));
    }

    @Override
    protected ErrorReply finalError() {
        return new ErrorReply(Fixtures.text("anthropic/error_400_invalid_request_error.json"), 400,
                ErrorKind.BAD_REQUEST, List.of("invalid request", "messages.0.content.1: unexpected `tool_use_id` found"
                        + " in `tool_result` blocks: toolu_01GHndag5wQmbzNihYmV2UBj.",
                        "Each `tool_result` block must have a corresponding `tool_use` block", "not retryable"));
    }

    @Override
    protected ErrorReply replyWithoutUsage() {
        // Constructed: the Sonnet 4.5 body without its usage object.
        ObjectNode body = (ObjectNode) Fixtures.json(CACHE_FIELDS).deepCopy();
        body.remove("usage");
        return new ErrorReply(body.toString(), 200, ErrorKind.MALFORMED_RESPONSE,
                List.of("response reports no token usage, so its cost cannot be computed"));
    }

    @Override
    protected CutStream cutStream() {
        // The basic stream without its message_stop; what message_start and message_delta reported is billed.
        List<String> events = Arrays.stream(Fixtures.text(BASIC_STREAM).split("\n\n"))
                .filter(e -> !e.isBlank())
                .map(e -> e.strip() + "\n\n")
                .toList();
        return new CutStream(String.join("", events.subList(0, events.size() - 1)), "claude-3-opus-latest",
                List.of("Hello", " there", "!"), "stream was truncated before message_stop", BASIC_USAGE);
    }
}
