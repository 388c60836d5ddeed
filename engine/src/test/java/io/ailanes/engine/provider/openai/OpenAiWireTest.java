package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.Responses;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAI adapter against the providers' own recorded bodies, served over real HTTP on loopback. */
class OpenAiWireTest {

    private static final String KEY = "sk-test-OPENAI-0123456789abcdef";

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(server -> ProviderConfig.of(
                    "openai", ProviderKind.OPENAI, server.url("/v1").toString(), ApiKey.of(KEY))
            .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0, Duration.ofSeconds(1))));
    private final MockWebServer server = loopback.server();

    @Test
    void sendsTheDocumentedRequest() throws Exception {
        server.enqueue(Responses.json(200, Fixtures.text("openai/chat_completion_default.response.json")));

        ChatResponse response = loopback.provider().chat(
                ChatRequest.builder("gpt-5.4").system("Be brief.").user("Hello!").build());

        // What the reply reads as is checked by OpenAiContractTest; here, what was sent.
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
    void anErrorObjectWithStatus200IsClassifiedFromItsType() {
        // The 500 sample's body, sent with a 200 status as some proxies do; one attempt, so a wrong
        // classification shows up here instead of being retried away.
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
        server.enqueue(Responses.json(200, Fixtures.text("openai/error_500_server_error.json")));

        assertThatThrownBy(() -> loopback.provider().chat(ChatRequest.builder("gpt-5.4").user("Hi").build()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.providerMessage()).startsWith("The server had an error processing your request.");
                });
    }
}
