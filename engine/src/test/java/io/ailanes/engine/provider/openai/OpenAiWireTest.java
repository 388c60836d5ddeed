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
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI adapter against the providers' own recorded bodies, served over real HTTP on loopback. */
class OpenAiWireTest {

    private static final String KEY = "sk-test-OPENAI-0123456789abcdef";

    private final MockWebServer server = new MockWebServer();
    private ChatProvider provider;

    @BeforeEach
    void start() throws Exception {
        server.start();
        provider = Providers.create(ProviderConfig.of(
                        "openai", ProviderKind.OPENAI, server.url("/v1").toString(), ApiKey.of(KEY))
                .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0, Duration.ofSeconds(1))));
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    @Test
    void readsTheDocumentedDefaultResponse() throws Exception {
        server.enqueue(Responses.json(200, Fixtures.text("openai/chat_completion_default.response.json")));

        ChatResponse response = provider.chat(ChatRequest.builder("gpt-5.4").system("Be brief.").user("Hello!").build());

        assertThat(response.text()).isEqualTo("Hello! How can I assist you today?");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.model()).isEqualTo("gpt-5.4");
        assertThat(response.responseId()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
        assertThat(response.usage()).isEqualTo(new Usage(19, 0, 0, 0, 10, 0));
        assertThat(response.attempts()).isEqualTo(1);

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = Json.tryParse(recorded.getBody().utf8()).orElseThrow();
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(body.get("messages").get(1).get("content").asText()).isEqualTo("Hello!");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void streamsTextAndReadsUsageFromTheFinalChunk() {
        server.enqueue(Responses.sse(Fixtures.text("openai/stream_gpt4o_text_include_usage.sse")));
        RecordingListener listener = new RecordingListener();

        ChatResponse response = provider.chat(
                ChatRequest.builder("gpt-4o").user("What's the weather like in SF?").stream(true).build(),
                listener, Cancellation.none());

        assertThat(response.text()).startsWith("I'm unable to provide real-time").isEqualTo(listener.streamedText());
        assertThat(listener.deltas).hasSizeGreaterThan(10);
        assertThat(response.usage()).isEqualTo(new Usage(14, 0, 0, 0, 30, 0));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(listener.attempts).singleElement().extracting(Attempt::outcome).isEqualTo(Attempt.Outcome.SUCCEEDED);
    }

    @Test
    void insufficientQuotaIsFinalEvenThoughItIs429() {
        server.enqueue(Responses.json(429, Fixtures.text("openai/error_429_insufficient_quota.json")));

        assertThatThrownBy(() -> provider.chat(ChatRequest.builder("gpt-5.4").user("Hi").build()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("provider 'openai'", "model 'gpt-5.4'", "HTTP 429",
                            "You exceeded your current quota").doesNotContain(KEY);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Responses.json(500, Fixtures.text("openai/error_500_server_error.json")));
        }
        RecordingListener listener = new RecordingListener();

        assertThatThrownBy(() -> provider.chat(
                        ChatRequest.builder("gpt-5.4").user("Hi").build(), listener, Cancellation.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("HTTP 500", "The server had an error processing your request");
                });
        assertThat(listener.attempts).extracting(Attempt::outcome).containsExactly(
                Attempt.Outcome.RETRYING, Attempt.Outcome.RETRYING, Attempt.Outcome.FAILED);
    }
}
