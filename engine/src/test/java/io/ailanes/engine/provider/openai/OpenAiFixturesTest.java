package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.provider.ApiKey;
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
import io.ailanes.engine.testing.Responses;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every non-streamed OpenAI response sample, served over loopback HTTP: exact text, finish reason (normalised
 * and raw), model, id and every usage bucket. The error samples are covered by {@link OpenAiWireTest}, the
 * {@code *.request.json} samples by {@link OpenAiRequestSchemaTest}, the streams by {@link OpenAiStreamTest}.
 */
class OpenAiFixturesTest {

    private final MockWebServer server = new MockWebServer();
    private ChatProvider provider;

    @BeforeEach
    void start() throws Exception {
        server.start();
        // One attempt: a wrong classification must show up as a failure here, not be retried away.
        provider = Providers.create(ProviderConfig.of(
                        "openai", ProviderKind.OPENAI, server.url("/v1").toString(), ApiKey.of("sk-test"))
                .withRetry(RetryPolicy.NONE));
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private ChatResponse serve(String body) {
        server.enqueue(Responses.json(200, body));
        return provider.chat(ChatRequest.builder("gpt-5.4").user("Hello!").build());
    }

    @Test
    void defaultExample() {
        ChatResponse response = serve(Fixtures.text("openai/chat_completion_default.response.json"));

        assertThat(response.text()).isEqualTo("Hello! How can I assist you today?");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.model()).isEqualTo("gpt-5.4");
        assertThat(response.responseId()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
        assertThat(response.usage()).isEqualTo(new Usage(19, 0, 0, 0, 10, 0));
        assertThat(response.usage().totalTokens()).isEqualTo(29); // the body's total_tokens
    }

    @Test
    void toolCallWithNullContentGivesEmptyTextAndToolCall() {
        ChatResponse response = serve(Fixtures.text("openai/chat_completion_functions.response.json"));

        assertThat(response.text()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
        assertThat(response.rawFinishReason()).isEqualTo("tool_calls");
        assertThat(response.model()).isEqualTo("gpt-4o-mini");
        assertThat(response.responseId()).isEqualTo("chatcmpl-abc123");
        assertThat(response.usage()).isEqualTo(new Usage(82, 0, 0, 0, 17, 0));
        assertThat(response.usage().totalTokens()).isEqualTo(99);
    }

    @Test
    void liveGpt4oBodyFrom2024() {
        ChatResponse response = serve(Fixtures.text("openai/chat_completion_gpt4o_live_2024-09.json"));

        assertThat(response.text()).isEqualTo("I'm unable to provide real-time weather updates. To get the current"
                + " weather in San Francisco, I recommend checking a reliable weather website or app like the"
                + " Weather Channel or a local news station.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(response.responseId()).isEqualTo("chatcmpl-ABfvaueLEMLNYbT8YzpJxsmiQ6HSY");
        assertThat(response.usage()).isEqualTo(new Usage(14, 0, 0, 0, 37, 0));
    }

    @Test
    void imageInputExample() {
        ChatResponse response = serve(Fixtures.text("openai/chat_completion_image_input.response.json"));

        assertThat(response.text()).isEqualTo("The image shows a wooden boardwalk path running through a lush green"
                + " field or meadow. The sky is bright blue with some scattered clouds, giving the scene a serene and"
                + " peaceful atmosphere. Trees and shrubs are visible in the background.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.model()).isEqualTo("gpt-5.4");
        assertThat(response.responseId()).isEqualTo("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
        assertThat(response.usage()).isEqualTo(new Usage(1117, 0, 0, 0, 46, 0));
        assertThat(response.usage().totalTokens()).isEqualTo(1163);
    }

    @Test
    void logprobsAreIgnoredAndTheTextIsRead() {
        ChatResponse response = serve(Fixtures.text("openai/chat_completion_logprobs.response.json"));

        assertThat(response.text()).isEqualTo("Hello! How can I assist you today?");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.model()).isEqualTo("gpt-4o-mini");
        assertThat(response.responseId()).isEqualTo("chatcmpl-123");
        assertThat(response.usage()).isEqualTo(new Usage(9, 0, 0, 0, 9, 0));
    }

    @Test
    void cachedAndReasoningTokensGoToTheirOwnBuckets() {
        // Constructed: no official chat-completion body with non-zero cached_tokens or reasoning_tokens exists
        // (wire/SOURCES.md, "Known gaps"), so the real default example's numbers are edited. OpenAI counts
        // cached tokens inside prompt_tokens and reasoning tokens inside completion_tokens.
        ObjectNode body = (ObjectNode) Fixtures.json("openai/chat_completion_default.response.json");
        ObjectNode usage = (ObjectNode) body.get("usage");
        usage.put("prompt_tokens", 2006).put("completion_tokens", 300).put("total_tokens", 2306);
        ((ObjectNode) usage.get("prompt_tokens_details")).put("cached_tokens", 1920);
        ((ObjectNode) usage.get("completion_tokens_details")).put("reasoning_tokens", 256);

        ChatResponse response = serve(body.toString());

        assertThat(response.usage()).isEqualTo(new Usage(86, 1920, 0, 0, 44, 256));
        assertThat(response.usage().totalTokens()).isEqualTo(2306);
    }

    @Test
    void nonStreamedRefusalBecomesTheTextWithContentFilter() {
        // Constructed from the live body: a refusal arrives in message.refusal with null content.
        ObjectNode body = (ObjectNode) Fixtures.json("openai/chat_completion_gpt4o_live_2024-09.json");
        ObjectNode message = (ObjectNode) body.get("choices").get(0).get("message");
        message.putNull("content");
        message.put("refusal", "I'm sorry, I can't assist with that request.");

        ChatResponse response = serve(body.toString());

        assertThat(response.text()).isEqualTo("I'm sorry, I can't assist with that request.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(response.rawFinishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new Usage(14, 0, 0, 0, 37, 0));
    }

    @Test
    void aReplyWithoutUsageCannotBePricedAndIsMalformed() {
        ObjectNode body = (ObjectNode) Fixtures.json("openai/chat_completion_default.response.json");
        body.remove("usage");

        assertThatThrownBy(() -> serve(body.toString()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("reports no token usage");
                });
    }

    @Test
    void anErrorObjectWithStatus200IsClassifiedFromItsType() {
        // The 500 sample's body, sent with a 200 status as some proxies do.
        server.enqueue(Responses.json(200, Fixtures.text("openai/error_500_server_error.json")));

        assertThatThrownBy(() -> provider.chat(ChatRequest.builder("gpt-5.4").user("Hi").build()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.providerMessage()).startsWith("The server had an error processing your request.");
                });
    }
}
