package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.OutputSchema;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderConfig.TokenLimitField;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.http.WireRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request the adapter builds, read straight from {@code toWire} (no I/O: api.openai.com cannot be called
 * from a test, and the output-cap field depends on that host).
 */
class OpenAiRequestShapeTest {

    private static JsonNode body(WireRequest wire) {
        return Json.tryParse(wire.body()).orElseThrow();
    }

    private static WireRequest wire(String baseUrl, TokenLimitField field, ChatRequest request) {
        ProviderConfig config = ProviderConfig.of("p", ProviderKind.OPENAI, baseUrl, ApiKey.of("sk-shape"))
                .withTokenLimitField(field);
        return new OpenAiAdapter(config).toWire(request);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "https://api.openai.com/v1, AUTO, max_completion_tokens",
        "https://API.OpenAI.com/v1/, AUTO, max_completion_tokens",
        "https://my-resource.openai.azure.com/openai/v1, AUTO, max_completion_tokens",
        "https://api.deepseek.com, AUTO, max_tokens",
        "https://openrouter.ai/api/v1, AUTO, max_tokens",
        "http://127.0.0.1:11434/v1, AUTO, max_tokens",
        // A look-alike host is not OpenAI.
        "https://api.openai.com.example.net/v1, AUTO, max_tokens",
        "https://api.openai.com/v1, MAX_TOKENS, max_tokens",
        "http://localhost:8000/v1, MAX_COMPLETION_TOKENS, max_completion_tokens",
        "https://api.deepseek.com, MAX_TOKENS, max_tokens",
    })
    void outputCapField(String baseUrl, TokenLimitField field, String expected) {
        JsonNode body = body(wire(baseUrl, field, ChatRequest.builder("m").user("Hi").maxOutputTokens(777).build()));

        assertThat(body.get(expected).asInt()).isEqualTo(777);
        String other = expected.equals("max_tokens") ? "max_completion_tokens" : "max_tokens";
        assertThat(body.has(other)).isFalse();
    }

    @Test
    void plainRequestHasOnlyModelMessagesAndCap() {
        WireRequest wire = wire("https://api.deepseek.com/", TokenLimitField.AUTO,
                ChatRequest.builder("deepseek-chat").user("Hi").build());

        assertThat(wire.url()).isEqualTo("https://api.deepseek.com/chat/completions");
        assertThat(wire.stream()).isFalse();
        assertThat(wire.headers()).containsEntry("Authorization", "Bearer sk-shape")
                .containsEntry("Accept", "application/json");
        assertThat(body(wire)).isEqualTo(Json.tryParse(
                "{\"model\":\"deepseek-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":1024}")
                .orElseThrow());
    }

    @Test
    void systemComesFirstThenTheTurnsInOrder() {
        JsonNode messages = body(wire("https://api.openai.com/v1", TokenLimitField.AUTO,
                ChatRequest.builder("gpt-5.4").system("Be brief.").user("Hi").assistant("Hello.").user("Again")
                        .build())).get("messages");

        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Be brief.");
        assertThat(messages.findValuesAsText("role")).containsExactly("system", "user", "assistant", "user");
        assertThat(messages.findValuesAsText("content")).containsExactly("Be brief.", "Hi", "Hello.", "Again");
    }

    @Test
    void streamingAsksForTheUsageChunk() {
        WireRequest wire = wire("https://api.openai.com/v1", TokenLimitField.AUTO,
                ChatRequest.builder("gpt-5.4").user("Hi").stream(true).build());

        assertThat(wire.stream()).isTrue();
        assertThat(wire.headers()).containsEntry("Accept", "text/event-stream");
        JsonNode body = body(wire);
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("stream_options")).isEqualTo(Json.tryParse("{\"include_usage\":true}").orElseThrow());
    }

    @Test
    void nonStreamingSendsNoStreamFields() {
        JsonNode body = body(wire("https://api.openai.com/v1", TokenLimitField.AUTO,
                ChatRequest.builder("gpt-5.4").user("Hi").build()));

        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.has("stop")).isFalse();
        assertThat(body.has("response_format")).isFalse();
    }

    @Test
    void outputSchemaBecomesJsonSchemaResponseFormat() {
        JsonNode schema = Json.tryParse("{\"type\":\"object\",\"properties\":{\"verdict\":{\"type\":\"string\"}},"
                + "\"required\":[\"verdict\"],\"additionalProperties\":false}").orElseThrow();

        JsonNode strict = body(wire("https://api.openai.com/v1", TokenLimitField.AUTO, ChatRequest.builder("gpt-5.4")
                .user("Judge").outputSchema(new OutputSchema("review_verdict", schema, true)).build()));
        JsonNode lax = body(wire("https://api.openai.com/v1", TokenLimitField.AUTO, ChatRequest.builder("gpt-5.4")
                .user("Judge").outputSchema(new OutputSchema("review_verdict", schema, false)).build()));

        assertThat(strict.get("response_format").get("type").asText()).isEqualTo("json_schema");
        JsonNode jsonSchema = strict.get("response_format").get("json_schema");
        assertThat(jsonSchema.get("name").asText()).isEqualTo("review_verdict");
        assertThat(jsonSchema.get("schema")).isEqualTo(schema);
        assertThat(jsonSchema.get("strict").isBoolean()).isTrue();
        assertThat(jsonSchema.get("strict").asBoolean()).isTrue();
        assertThat(lax.at("/response_format/json_schema/strict").asBoolean(true)).isFalse();
    }

    @Test
    void stopSequencesAreSentAsAnArray() {
        JsonNode body = body(wire("https://api.openai.com/v1", TokenLimitField.AUTO,
                ChatRequest.builder("gpt-5.4").user("Hi").stop(List.of("\n\n", "END")).build()));

        assertThat(body.get("stop").isArray()).isTrue();
        assertThat(body.get("stop")).extracting(JsonNode::asText).containsExactly("\n\n", "END");
    }

    @Test
    void temperatureIsSentExactlyAndZeroIsNotDropped() {
        JsonNode warm = body(wire("https://api.openai.com/v1", TokenLimitField.AUTO,
                ChatRequest.builder("gpt-5.4").user("Hi").temperature(0.7).build()));
        JsonNode cold = body(wire("https://api.openai.com/v1", TokenLimitField.AUTO,
                ChatRequest.builder("gpt-5.4").user("Hi").temperature(0.0).build()));

        assertThat(warm.get("temperature").isNumber()).isTrue();
        assertThat(warm.get("temperature").decimalValue()).isEqualByComparingTo("0.7");
        assertThat(cold.get("temperature").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void noKeyMeansNoAuthorizationAndConfiguredHeadersAreKept() {
        ProviderConfig config = ProviderConfig.of("ollama", ProviderKind.OPENAI, "http://127.0.0.1:11434/v1",
                ApiKey.NONE).withHeaders(Map.of("X-Team", "builds"));

        WireRequest wire = new OpenAiAdapter(config).toWire(ChatRequest.builder("llama3").user("Hi").build());

        assertThat(wire.headers()).doesNotContainKey("Authorization").containsEntry("X-Team", "builds");
        assertThat(wire.url()).isEqualTo("http://127.0.0.1:11434/v1/chat/completions");
    }
}
