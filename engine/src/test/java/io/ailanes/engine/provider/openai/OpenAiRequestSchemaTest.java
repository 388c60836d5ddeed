package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.OutputSchema;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderConfig.TokenLimitField;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every request body the adapter builds is valid against OpenAI's own {@code CreateChatCompletionRequest}
 * schema (extracted from the OpenAPI spec: {@code specs/SOURCES.md}), the provider's verbatim request samples
 * pass too (positive control), and hand-broken bodies fail (negative control: the validator can say no).
 */
class OpenAiRequestSchemaTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() {
        // The file's $schema is 2020-12, the dialect of OpenAPI 3.1 schema objects; OpenAPI-only keywords
        // (discriminator, x-*, nullable) are annotations there.
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("classpath:specs/openai-chat-completions-request.schema.json"));
    }

    private static Set<ValidationMessage> validate(JsonNode body) {
        return schema.validate(body);
    }

    private static JsonNode body(TokenLimitField field, ChatRequest request) {
        ProviderConfig config = ProviderConfig.of("openai", ProviderKind.OPENAI, "https://api.openai.com/v1",
                ApiKey.of("sk-schema")).withTokenLimitField(field);
        return Json.tryParse(new OpenAiAdapter(config).toWire(request).body()).orElseThrow();
    }

    static Stream<Arguments> requests() {
        JsonNode verdict = Json.tryParse("{\"type\":\"object\",\"properties\":{\"verdict\":{\"type\":\"string\","
                + "\"enum\":[\"approve\",\"reject\"]},\"reasons\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
                + "\"required\":[\"verdict\",\"reasons\"],\"additionalProperties\":false}").orElseThrow();
        List<Arguments> cases = new ArrayList<>();
        List<ChatRequest> requests = List.of(
                ChatRequest.builder("gpt-5.4").user("Hello!").build(),
                ChatRequest.builder("gpt-5.4").system("You review diffs.").user("Review this.")
                        .assistant("Which file?").user("src/Main.java").build(),
                ChatRequest.builder("gpt-5.4-mini").user("Stream it").stream(true).build(),
                ChatRequest.builder("gpt-5.4").user("Judge").outputSchema(new OutputSchema("verdict", verdict, true))
                        .build(),
                ChatRequest.builder("gpt-5.4").user("Judge").outputSchema(new OutputSchema("verdict", verdict, false))
                        .stream(true).build(),
                ChatRequest.builder("gpt-4o").user("Count").stop(List.of("\n\n")).build(),
                // The spec's limit is 4 stop sequences.
                ChatRequest.builder("gpt-4o").user("Count").stop(List.of("a", "b", "c", "d")).build(),
                ChatRequest.builder("gpt-4o").user("Hi").temperature(0.0).build(),
                ChatRequest.builder("gpt-4o").user("Hi").temperature(2.0).maxOutputTokens(1).build(),
                ChatRequest.builder("my-finetune:ft-123").system("").user("").build(),
                ChatRequest.builder("gpt-5.4").system("Be brief.").user("Everything at once").assistant("OK")
                        .user("Go").temperature(0.3).stop(List.of("END", "STOP")).stream(true)
                        .outputSchema(new OutputSchema("verdict", verdict, true)).maxOutputTokens(4096).build());
        for (ChatRequest request : requests) {
            for (TokenLimitField field : List.of(TokenLimitField.AUTO, TokenLimitField.MAX_TOKENS)) {
                cases.add(Arguments.of(field, request));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("requests")
    void everyBodyTheAdapterBuildsIsValid(TokenLimitField field, ChatRequest request) {
        JsonNode body = body(field, request);
        // Make sure the matrix really covers both cap fields (AUTO on api.openai.com is the new one).
        assertThat(body.has(field == TokenLimitField.AUTO ? "max_completion_tokens" : "max_tokens")).isTrue();

        assertThat(validate(body)).as("violations of %s", body).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "openai/chat_completion_default.request.json",
        "openai/chat_completion_functions.request.json",
        "openai/chat_completion_image_input.request.json",
        "openai/chat_completion_logprobs.request.json",
        "openai/chat_completion_streaming.request.json",
    })
    void theProvidersOwnRequestSamplesAreValid(String fixture) {
        // Positive control (model placeholders such as VAR_chat_model_id are plain strings to the schema).
        assertThat(validate(Fixtures.json(fixture))).isEmpty();
    }

    @Test
    void aMessageWithAnUnknownRoleIsRejected() {
        assertInvalid(body -> ((ObjectNode) body.get("messages").get(1)).put("role", "robot"), "$.messages[1]");
    }

    @Test
    void aBodyWithoutModelIsRejected() {
        assertInvalid(body -> body.remove("model"), "model");
    }

    @Test
    void anEmptyConversationIsRejected() {
        assertInvalid(body -> body.putArray("messages"), "$.messages");
    }

    @Test
    void fiveStopSequencesAreRejected() {
        assertInvalid(body -> ((ArrayNode) body.get("stop")).add("e"), "$.stop");
    }

    @Test
    void aTemperatureAboveTwoIsRejected() {
        assertInvalid(body -> body.put("temperature", 2.5), "$.temperature");
    }

    @Test
    void aStringOutputCapIsRejected() {
        assertInvalid(body -> body.put("max_completion_tokens", "1024"), "$.max_completion_tokens");
    }

    /** Breaks an otherwise valid adapter body and expects a violation that names {@code where}. */
    private static void assertInvalid(Consumer<ObjectNode> breakIt, String where) {
        ObjectNode body = (ObjectNode) body(TokenLimitField.AUTO, ChatRequest.builder("gpt-5.4").system("Sys")
                .user("Hi").temperature(1.0).stop(List.of("a", "b", "c", "d")).build());
        assertThat(validate(body)).as("the unbroken body is valid").isEmpty();

        breakIt.accept(body);

        Set<ValidationMessage> errors = validate(body);
        assertThat(errors).isNotEmpty();
        assertThat(errors).extracting(ValidationMessage::getMessage).anySatisfy(m -> assertThat(m).contains(where));
    }
}
