package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DeepSeek through the OpenAI-compatible adapter: its own cache fields ({@code prompt_cache_hit_tokens} /
 * {@code prompt_cache_miss_tokens}), deepseek-reasoner's {@code reasoning_content}, and its
 * {@code insufficient_system_resource} finish reason. Only two real samples exist (wire/SOURCES.md); the
 * other cases are built by editing them, and say so.
 */
class DeepSeekTest {

    private static final String APIFOX = "deepseek/chat_completion_deepseek-chat_apifox.json";
    private static final String REASONER_CHUNK = "deepseek/chunk_deepseek-reasoner_first.json";

    // DeepSeek's base URL has no /v1; the adapter appends /chat/completions to the root.
    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(server -> ProviderConfig.of(
                    "deepseek", ProviderKind.OPENAI, server.url("/").toString(), ApiKey.of("sk-deepseek-test"))
            .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0, Duration.ofSeconds(1))));
    private final MockWebServer server = loopback.server();

    private ChatResponse chat(RecordingListener listener) {
        return loopback.provider().chat(
                ChatRequest.builder("deepseek-chat").user("Hello").build(), listener, Cancellation.none());
    }

    @Test
    void realDeepSeekChatReply() throws Exception {
        server.enqueue(Responses.json(200, Fixtures.text(APIFOX)));

        ChatResponse response = chat(new RecordingListener());

        assertThat(response.text()).isEqualTo("Hello! How can I assist you today? 😊");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.model()).isEqualTo("deepseek-chat");
        assertThat(response.responseId()).isEqualTo("48ad6b6e-b2f7-4059-b9cf-aa5d966f8f22");
        // prompt_cache_hit_tokens 0, prompt_cache_miss_tokens 10.
        assertThat(response.usage()).isEqualTo(new Usage(10, 0, 0, 0, 11, 0));
        assertThat(response.attempts()).isEqualTo(1);

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/chat/completions");
        JsonNode body = Json.tryParse(recorded.getBody().utf8()).orElseThrow();
        // AUTO on a host that is not OpenAI's: the field every compatible server knows.
        assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }

    @Test
    void cacheHitTokensAreBilledAsCacheReads() {
        // Constructed: no real DeepSeek body with non-zero prompt_cache_hit_tokens was found, so the real
        // sample's numbers are edited (hit + miss = prompt_tokens, as DeepSeek reports them).
        ObjectNode body = (ObjectNode) Fixtures.json(APIFOX);
        ObjectNode usage = (ObjectNode) body.get("usage");
        usage.put("prompt_tokens", 1290).put("total_tokens", 1301)
                .put("prompt_cache_hit_tokens", 1024).put("prompt_cache_miss_tokens", 266);
        ((ObjectNode) usage.get("prompt_tokens_details")).put("cached_tokens", 1024);
        server.enqueue(Responses.json(200, body.toString()));

        ChatResponse response = chat(new RecordingListener());

        assertThat(response.usage()).isEqualTo(new Usage(266, 1024, 0, 0, 11, 0));
        assertThat(response.usage().totalTokens()).isEqualTo(1301);
    }

    @Test
    void deepSeekHitCountWinsOverTheOpenAiStyleField() {
        // Constructed: should the two cache figures ever disagree, DeepSeek's own field is the billed one.
        ObjectNode body = (ObjectNode) Fixtures.json(APIFOX);
        ObjectNode usage = (ObjectNode) body.get("usage");
        usage.put("prompt_tokens", 100).put("prompt_cache_hit_tokens", 64).put("prompt_cache_miss_tokens", 36);
        ((ObjectNode) usage.get("prompt_tokens_details")).put("cached_tokens", 0);
        server.enqueue(Responses.json(200, body.toString()));

        assertThat(chat(new RecordingListener()).usage()).isEqualTo(new Usage(36, 64, 0, 0, 11, 0));
    }

    @Test
    void hitPlusMissStandsInForAMissingPromptTokens() {
        // Constructed: a compatible server that reports only DeepSeek's split must not lose the input tokens.
        ObjectNode body = (ObjectNode) Fixtures.json(APIFOX);
        ObjectNode usage = (ObjectNode) body.get("usage");
        usage.remove("prompt_tokens");
        usage.remove("prompt_tokens_details");
        usage.put("prompt_cache_hit_tokens", 64).put("prompt_cache_miss_tokens", 10);
        server.enqueue(Responses.json(200, body.toString()));

        assertThat(chat(new RecordingListener()).usage()).isEqualTo(new Usage(10, 64, 0, 0, 11, 0));
    }

    @Test
    void reasonerReasoningTokensAreCountedInsideCompletionTokens() {
        // Constructed: deepseek-reasoner reports completion_tokens including the chain of thought and the
        // share in completion_tokens_details.reasoning_tokens; the real deepseek-chat sample is edited.
        ObjectNode body = (ObjectNode) Fixtures.json(APIFOX);
        body.put("model", "deepseek-reasoner");
        ObjectNode usage = (ObjectNode) body.get("usage");
        usage.put("completion_tokens", 311).put("total_tokens", 321);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 300);
        server.enqueue(Responses.json(200, body.toString()));

        ChatResponse response = chat(new RecordingListener());

        assertThat(response.model()).isEqualTo("deepseek-reasoner");
        assertThat(response.usage()).isEqualTo(new Usage(10, 0, 0, 0, 11, 300));
        assertThat(response.usage().totalOutputTokens()).isEqualTo(311);
    }

    @Test
    void reasoningContentDeltasNeverReachTheVisibleText() {
        // Constructed stream: the real first deepseek-reasoner chunk (role + empty reasoning_content), then
        // chunks made from it carrying reasoning_content, then content, then the finish chunk with usage (DeepSeek
        // sends usage on the finish chunk itself).
        ObjectNode first = (ObjectNode) Fixtures.json(REASONER_CHUNK);
        String sse = event(first)
                + event(delta(first, "reasoning_content", "The user greets me; greet back.", null))
                + event(delta(first, "reasoning_content", " Keep it short.", null))
                + event(delta(first, "content", "Hello", null))
                + event(delta(first, "content", "!", null))
                + event(withUsage(delta(first, "content", "", "stop"), 10, 25, 20))
                + "data: [DONE]\n\n";
        server.enqueue(Responses.sse(sse));
        RecordingListener listener = new RecordingListener();

        ChatResponse response = loopback.provider().chat(
                ChatRequest.builder("deepseek-reasoner").user("Hello").stream(true).build(), listener,
                Cancellation.none());

        assertThat(response.text()).isEqualTo("Hello!");
        assertThat(listener.deltas).containsExactly("Hello", "!");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.model()).isEqualTo("deepseek-reasoner");
        assertThat(response.responseId()).isEqualTo("43a31dda-92f6-4cdf-a333-bb399599a824");
        assertThat(response.usage()).isEqualTo(new Usage(10, 0, 0, 0, 5, 20));
    }

    @Test
    void insufficientSystemResourceIsRetriedAsOverloaded() {
        // Constructed: the real reply with DeepSeek's documented "insufficient_system_resource" finish reason.
        ObjectNode failed = (ObjectNode) Fixtures.json(APIFOX);
        ((ObjectNode) failed.get("choices").get(0)).put("finish_reason", "insufficient_system_resource");
        server.enqueue(Responses.json(200, failed.toString()));
        server.enqueue(Responses.json(200, Fixtures.text(APIFOX)));
        RecordingListener listener = new RecordingListener();

        ChatResponse response = chat(listener);

        assertThat(response.text()).isEqualTo("Hello! How can I assist you today? 😊");
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(listener.attempts).hasSize(2);
        Attempt first = listener.attempts.get(0);
        assertThat(first.outcome()).isEqualTo(Attempt.Outcome.RETRYING);
        assertThat(first.error().kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(first.error().retryable()).isTrue();
        assertThat(first.usage()).isEqualTo(new Usage(10, 0, 0, 0, 11, 0)); // billed even though it failed
        assertThat(listener.attempts.get(1).outcome()).isEqualTo(Attempt.Outcome.SUCCEEDED);
    }

    @Test
    void insufficientSystemResourceOnEveryAttemptEndsAsRetryableOverloaded() {
        ObjectNode failed = (ObjectNode) Fixtures.json(APIFOX);
        ((ObjectNode) failed.get("choices").get(0)).put("finish_reason", "insufficient_system_resource");
        for (int i = 0; i < 3; i++) {
            server.enqueue(Responses.json(200, failed.toString()));
        }

        assertThatThrownBy(() -> chat(new RecordingListener()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
                    assertThat(e.retryable()).isTrue(); // so a lane may fall back to another provider
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("provider 'deepseek'", "model 'deepseek-chat'",
                            "insufficient_system_resource").doesNotContain("sk-deepseek-test");
                });
    }

    @Test
    void insufficientSystemResourceInAStreamWithoutUsageIsStillOverloaded() {
        // Constructed stream: the real first reasoner chunk, then a finish chunk with no usage. The finish
        // reason, not the missing usage, decides the classification.
        ObjectNode first = (ObjectNode) Fixtures.json(REASONER_CHUNK);
        String sse = event(first) + event(delta(first, "content", "", "insufficient_system_resource"))
                + "data: [DONE]\n\n";
        for (int i = 0; i < 3; i++) {
            server.enqueue(Responses.sse(sse));
        }

        assertThatThrownBy(() -> loopback.provider().chat(
                        ChatRequest.builder("deepseek-reasoner").user("Hello").stream(true).build()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
                    assertThat(e.attempts()).isEqualTo(3);
                });
    }

    private static String event(JsonNode chunk) {
        return "data: " + chunk + "\n\n";
    }

    /** A copy of {@code first} whose delta carries only {@code field} (the other text field null). */
    private static ObjectNode delta(ObjectNode first, String field, String value, String finishReason) {
        ObjectNode chunk = first.deepCopy();
        ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
        ObjectNode delta = choice.putObject("delta");
        delta.putNull("content").putNull("reasoning_content").put(field, value);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static ObjectNode withUsage(ObjectNode chunk, int prompt, int completion, int reasoning) {
        ObjectNode usage = chunk.putObject("usage");
        usage.put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion)
                .put("prompt_cache_hit_tokens", 0).put("prompt_cache_miss_tokens", prompt);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
        return chunk;
    }
}
