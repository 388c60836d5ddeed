package io.ailanes.engine.provider.gemini;

import static io.ailanes.engine.provider.gemini.GeminiTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.OutputSchema;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** generateContent against Gemini's own recorded bodies (FirebaseExtended/vertexai-sdk-test-data) on loopback. */
class GeminiWireTest {

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(GeminiTestSupport::config);
    private final MockWebServer server = loopback.server();

    private ChatResponse chat(String fixture, ChatRequest request) {
        server.enqueue(Responses.json(200, Fixtures.text(fixture)));
        return loopback.provider().chat(request);
    }

    @Test
    void sendsTheDocumentedRequest() throws Exception {
        ChatResponse response = chat("gemini/generateContent_basic_reply_short.json", ChatRequest.builder("gemini-2.0-flash")
                .system("Answer in one sentence.")
                .user("Where is Google's headquarters?")
                .assistant("Do you mean the city?")
                .user("Yes.")
                .maxOutputTokens(256)
                .temperature(0.2)
                .stop(List.of("END", "STOP!"))
                .build());

        // What the reply reads as is checked by GeminiContractTest; here, what was sent.
        assertThat(response.providerId()).isEqualTo("gemini");

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
        assertThat(recorded.getUrl().query()).isNull();
        assertThat(recorded.getUrl().toString()).doesNotContain(KEY).doesNotContain("key=");
        assertThat(recorded.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(recorded.getHeaders().get("Authorization")).isNull();
        assertThat(recorded.getHeaders().get("X-Goog-User-Project")).isEqualTo(GeminiTestSupport.EXTRA_HEADER_VALUE);
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");

        JsonNode body = Json.tryParse(recorded.getBody().utf8()).orElseThrow();
        assertThat(body.get("systemInstruction")).isEqualTo(Json.tryParse(
                "{\"parts\":[{\"text\":\"Answer in one sentence.\"}]}").orElseThrow());
        assertThat(body.get("contents")).isEqualTo(Json.tryParse("["
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"Where is Google's headquarters?\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"Do you mean the city?\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"Yes.\"}]}]").orElseThrow());
        JsonNode generation = body.get("generationConfig");
        assertThat(generation.get("maxOutputTokens").asInt()).isEqualTo(256);
        assertThat(generation.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(generation.get("stopSequences")).extracting(JsonNode::asText).containsExactly("END", "STOP!");
        assertThat(generation.has("responseMimeType")).isFalse();
        assertThat(body.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("systemInstruction", "contents", "generationConfig");
    }

    @Test
    void leavesOutOptionalFieldsAndSendsAStandardJsonSchemaForStructuredOutput() throws Exception {
        JsonNode schema = Json.tryParse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                + "\"required\":[\"city\"],\"additionalProperties\":false}").orElseThrow();
        chat("gemini/generateContent_basic_reply_short.json", ChatRequest.builder("gemini-2.0-flash")
                .user("Where?")
                .outputSchema(new OutputSchema("place", schema, true))
                .build());

        JsonNode body = Json.tryParse(server.takeRequest().getBody().utf8()).orElseThrow();
        assertThat(body.has("systemInstruction")).isFalse();
        JsonNode generation = body.get("generationConfig");
        assertThat(generation.has("temperature")).isFalse();
        assertThat(generation.has("stopSequences")).isFalse();
        assertThat(generation.get("maxOutputTokens").asInt()).isEqualTo(1024);
        assertThat(generation.get("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(generation.get("responseJsonSchema")).isEqualTo(schema);
        assertThat(generation.has("responseSchema")).isFalse();
    }

    @Test
    void encodesTheModelAsOnePathSegment() throws Exception {
        chat("gemini/generateContent_basic_reply_short.json", ChatRequest.builder("tuned/../x y?alt=json").user("Hi").build());
        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/v1beta/models/tuned%2F..%2Fx%20y%3Falt%3Djson:generateContent");

        chat("gemini/generateContent_basic_reply_short.json", ChatRequest.builder("models/gemini-2.5-flash").user("Hi").build());
        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");

        assertThat(GeminiAdapter.pathSegment("..")).isEqualTo("%2E%2E");
        assertThat(GeminiAdapter.pathSegment("a:streamGenerateContent#x")).isEqualTo("a%3AstreamGenerateContent%23x");
        assertThat(GeminiAdapter.pathSegment("gemini-ü")).isEqualTo("gemini-%C3%BC");
    }

    @Test
    void billsToolUsePromptTokensAsInput() {
        ChatResponse response = chat("gemini/generateContent_url_context_toolUsePromptTokenCount.json",
                ChatRequest.builder("gemini-2.5-flash").user("Summarise https://berkshirehathaway.com").build());

        assertThat(response.text()).startsWith("Berkshire Hathaway Inc.'s official website provides information")
                .endsWith("along with a GEICO advertisement.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.rawFinishReason()).isEqualTo("STOP");
        assertThat(response.model()).isEqualTo("gemini-2.5-flash");
        assertThat(response.responseId()).isEqualTo("PHLAaNz8O9il1MkP7Jf08Aw");
        // prompt 15 + tool-use 424 at the input rate; totalTokenCount 683 = 15 + 102 + 424 + 142.
        assertThat(response.usage()).isEqualTo(new Usage(439, 0, 0, 0, 102, 142));
        assertThat(response.usage().totalTokens()).isEqualTo(683);
    }

    @Test
    void anAnswerBlockedWithNoTextFailsNamingTheCategoryAndBillsThePrompt() {
        server.enqueue(Responses.json(200, Fixtures.text("gemini/generateContent_finish_reason_safety_no_content.json")));
        RecordingListener listener = new RecordingListener();

        assertThatThrownBy(() -> loopback.provider().chat(
                        ChatRequest.builder("gemini-1.5-flash").user("Hi").build(), listener, Cancellation.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("provider 'gemini'", "model 'gemini-1.5-flash'",
                            "the answer was blocked (finishReason SAFETY; HARM_CATEGORY_HARASSMENT: LOW (blocked))")
                            .doesNotContain("HATE_SPEECH").doesNotContain(KEY);
                });
        assertThat(listener.attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.FAILED);
            assertThat(attempt.usage()).isEqualTo(new Usage(8, 0, 0, 0, 0, 0));
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aBlockedPromptFailsNamingTheReasonAndTheHighCategories() {
        server.enqueue(Responses.json(200, Fixtures.text("gemini/generateContent_prompt_blocked_safety.json")));
        RecordingListener listener = new RecordingListener();

        assertThatThrownBy(() -> loopback.provider().chat(
                        ChatRequest.builder("gemini-2.0-flash").user("Hi").build(), listener, Cancellation.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.providerMessage()).isEqualTo(
                            "the prompt was blocked (blockReason SAFETY; HARM_CATEGORY_HATE_SPEECH: HIGH)");
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
        // The sample reports no usage; nothing is invented.
        assertThat(listener.attempts).singleElement().extracting(Attempt::usage).isEqualTo(Usage.ZERO);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void jsonOfAnotherShapeIsMalformedAndRetried() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Responses.json(200, Fixtures.text("gemini/generateContent_invalid_response_shape.json")));
        }

        assertThatThrownBy(() -> loopback.provider().chat(ChatRequest.builder("gemini-2.0-flash").user("Hi").build()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("response is not a GenerateContentResponse").doesNotContain(KEY);
                });
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
