package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderContract;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The provider contract with OpenAI's own samples (the API reference's examples, openai-python's live gpt-4o
 * recordings); {@code wire/deepseek} is read by {@link DeepSeekTest}, the {@code *.request.json} samples by
 * {@link OpenAiRequestSchemaTest}.
 */
class OpenAiContractTest extends ProviderContract {

    private static final String DEFAULT = "openai/chat_completion_default.response.json";
    private static final String LIVE = "openai/chat_completion_gpt4o_live_2024-09.json";
    private static final String TEXT_STREAM = "openai/stream_gpt4o_text_include_usage.sse";
    private static final String LIVE_TEXT = "I'm unable to provide real-time weather updates. To get the current weather"
            + " in San Francisco, I recommend checking a reliable weather website or app like the Weather Channel or a"
            + " local news station.";

    @Override
    protected ProviderConfig config(MockWebServer server) {
        return ProviderConfig.of("openai", ProviderKind.OPENAI, server.url("/v1").toString(),
                        ApiKey.of("sk-test-OPENAI-0123456789abcdef"))
                .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0, Duration.ofSeconds(1)));
    }

    @Override
    protected List<String> fixtureFolders() {
        return List.of("openai", "deepseek");
    }

    @Override
    protected String model() {
        return "gpt-5.4";
    }

    @Override
    protected List<Reply> replies() {
        Expected defaultExample = new Expected("Hello! How can I assist you today?", FinishReason.STOP, "stop",
                "gpt-5.4", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", new Usage(19, 0, 0, 0, 10, 0));
        // Constructed: no official chat-completion body with non-zero cached_tokens or reasoning_tokens exists
        // (wire/SOURCES.md, "Known gaps"), so the real default example's numbers are edited. OpenAI counts
        // cached tokens inside prompt_tokens and reasoning tokens inside completion_tokens.
        ObjectNode cachedAndReasoning = (ObjectNode) Fixtures.json(DEFAULT);
        ObjectNode usage = (ObjectNode) cachedAndReasoning.get("usage");
        usage.put("prompt_tokens", 2006).put("completion_tokens", 300).put("total_tokens", 2306);
        ((ObjectNode) usage.get("prompt_tokens_details")).put("cached_tokens", 1920);
        ((ObjectNode) usage.get("completion_tokens_details")).put("reasoning_tokens", 256);
        // Constructed from the live body: a refusal arrives in message.refusal with null content.
        ObjectNode refusal = (ObjectNode) Fixtures.json(LIVE);
        ObjectNode message = (ObjectNode) refusal.get("choices").get(0).get("message");
        message.putNull("content");
        message.put("refusal", "I'm sorry, I can't assist with that request.");
        return List.of(
                new Reply("default example", Fixtures.text(DEFAULT), "gpt-5.4", defaultExample, 29L),
                new Reply("tool call with null content", Fixtures.text("openai/chat_completion_functions.response.json"),
                        "gpt-5.4", new Expected("", FinishReason.TOOL_CALL, "tool_calls", "gpt-4o-mini",
                                "chatcmpl-abc123", new Usage(82, 0, 0, 0, 17, 0)), 99L),
                new Reply("live gpt-4o body from 2024", Fixtures.text(LIVE), "gpt-5.4", new Expected(LIVE_TEXT,
                        FinishReason.STOP, "stop", "gpt-4o-2024-08-06", "chatcmpl-ABfvaueLEMLNYbT8YzpJxsmiQ6HSY",
                        new Usage(14, 0, 0, 0, 37, 0)), 51L),
                new Reply("image input example", Fixtures.text("openai/chat_completion_image_input.response.json"),
                        "gpt-5.4", new Expected("The image shows a wooden boardwalk path running through a lush green"
                                + " field or meadow. The sky is bright blue with some scattered clouds, giving the scene"
                                + " a serene and peaceful atmosphere. Trees and shrubs are visible in the background.",
                                FinishReason.STOP, "stop", "gpt-5.4", "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
                                new Usage(1117, 0, 0, 0, 46, 0)), 1163L),
                // Log probabilities are ignored and the text is read.
                new Reply("logprobs example", Fixtures.text("openai/chat_completion_logprobs.response.json"), "gpt-5.4",
                        new Expected("Hello! How can I assist you today?", FinishReason.STOP, "stop", "gpt-4o-mini",
                                "chatcmpl-123", new Usage(9, 0, 0, 0, 9, 0)), 18L),
                new Reply("cached and reasoning tokens in their own buckets", cachedAndReasoning.toString(), "gpt-5.4",
                        new Expected(defaultExample.text(), FinishReason.STOP, "stop", "gpt-5.4",
                                defaultExample.responseId(), new Usage(86, 1920, 0, 0, 44, 256)), 2306L),
                new Reply("a refusal becomes the text with content_filter", refusal.toString(), "gpt-5.4",
                        new Expected("I'm sorry, I can't assist with that request.", FinishReason.CONTENT_FILTER,
                                "stop", "gpt-4o-2024-08-06", "chatcmpl-ABfvaueLEMLNYbT8YzpJxsmiQ6HSY",
                                new Usage(14, 0, 0, 0, 37, 0)), 51L));
    }

    @Override
    protected List<StreamReply> streams() {
        return List.of(
                // 30 non-empty content deltas; the first chunk's "" is not passed on.
                new StreamReply("text stream with its usage chunk", Fixtures.text(TEXT_STREAM), "gpt-4o", List.of(
                        "I'm", " unable", " to", " provide", " real", "-time", " weather", " updates", ".", " To",
                        " get", " the", " current", " weather", " in", " San", " Francisco", ",", " I", " recommend",
                        " checking", " a", " reliable", " weather", " website", " or", " a", " weather", " app", "."),
                        new Expected("I'm unable to provide real-time weather updates. To get the current weather in"
                                + " San Francisco, I recommend checking a reliable weather website or a weather app.",
                                FinishReason.STOP, "stop", "gpt-4o-2024-08-06", "chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL",
                                new Usage(14, 0, 0, 0, 30, 0))),
                new StreamReply("a length stop is reported as length",
                        Fixtures.text("openai/stream_gpt4o_finish_length.sse"), "gpt-4o", List.of("{\""),
                        new Expected("{\"", FinishReason.LENGTH, "length", "gpt-4o-2024-08-06",
                                "chatcmpl-ABfw3Oqj8RD0z6aJiiX37oTjV2HFh", new Usage(79, 0, 0, 0, 1, 0))),
                // AI Lanes sends no tools; a tool call yields no text, and the arguments are not leaked as text.
                new StreamReply("a tool call stream ends cleanly with usage",
                        Fixtures.text("openai/stream_gpt4o_tool_call_include_usage.sse"), "gpt-4o", List.of(),
                        new Expected("", FinishReason.TOOL_CALL, "tool_calls", "gpt-4o-2024-08-06",
                                "chatcmpl-ABfwCgi41eStOcARjZq97ohCEGBPO", new Usage(48, 0, 0, 0, 19, 0))));
    }

    @Override
    protected void assertAskedForAStream(RecordedRequest request) {
        JsonNode sent = Json.tryParse(request.getBody().utf8()).orElseThrow();
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Override
    protected ErrorReply retryableError() {
        return new ErrorReply(Fixtures.text("openai/error_500_server_error.json"), 500, ErrorKind.SERVER_ERROR,
                List.of("The server had an error processing your request"));
    }

    @Override
    protected ErrorReply finalError() {
        // Final even though it is a 429: no retry refills a quota.
        return new ErrorReply(Fixtures.text("openai/error_429_insufficient_quota.json"), 429,
                ErrorKind.QUOTA_EXHAUSTED, List.of("You exceeded your current quota"));
    }

    @Override
    protected ErrorReply replyWithoutUsage() {
        ObjectNode body = (ObjectNode) Fixtures.json(DEFAULT);
        body.remove("usage");
        return new ErrorReply(body.toString(), 200, ErrorKind.MALFORMED_RESPONSE, List.of("reports no token usage"));
    }

    @Override
    protected CutStream cutStream() {
        // The real text stream, truncated after its first five events (a dropped connection).
        String truncated = Arrays.stream(Fixtures.text(TEXT_STREAM).split("\n\n")).limit(5)
                .collect(Collectors.joining("\n\n", "", "\n\n"));
        return new CutStream(truncated, "gpt-4o", List.of("I'm", " unable", " to", " provide"),
                "stream ended before the model finished", Usage.ZERO);
    }
}
