package io.ailanes.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.OutputSchema;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.http.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpoints without JSON-schema support (DeepSeek) get json_object or nothing, as configured. */
class StructuredOutputTest {

    @TempDir
    Path dir;

    private Map<String, ProviderConfig> providers(String yaml) throws Exception {
        Path file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.providers(ConfigLoader.read(file), name -> Optional.empty(), file.toString());
    }

    private static JsonNode body(ProviderConfig config) {
        ChatRequest request = ChatRequest.builder("m").user("plan")
                .outputSchema(new OutputSchema("plan", Json.object().put("type", "object"), true)).build();
        return Json.tryParse(Providers.adapter(config).toWire(request).body()).orElseThrow();
    }

    @Test
    void eachSettingShapesTheRequest() throws Exception {
        Map<String, ProviderConfig> configs = providers("""
                providers:
                  - {id: openai, kind: openai, baseUrl: "http://127.0.0.1:1/v1"}
                  - {id: deepseek, kind: openai, baseUrl: "http://127.0.0.1:1/v1", structuredOutput: json_object}
                  - {id: local, kind: openai, baseUrl: "http://127.0.0.1:1/v1", structuredOutput: none}
                  - {id: claude, kind: anthropic, baseUrl: "http://127.0.0.1:1", structuredOutput: none}
                  - {id: gemini, kind: gemini, baseUrl: "http://127.0.0.1:1/v1beta", structuredOutput: json_object}
                """);

        assertThat(body(configs.get("openai")).at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body(configs.get("deepseek")).path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
        assertThat(body(configs.get("local")).has("response_format")).isFalse();
        assertThat(body(configs.get("claude")).has("output_config")).isFalse();
        JsonNode gemini = body(configs.get("gemini")).path("generationConfig");
        assertThat(gemini.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(gemini.has("responseJsonSchema")).isFalse();
    }

    @Test
    void aWrongValueIsAConfigurationProblemWithItsPath() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> providers(
                "providers:\n  - {id: x, kind: openai, baseUrl: \"http://h\", structuredOutput: schema}\n"));
        assertThat(e.problems()).containsExactly(
                "providers[0].structuredOutput: 'schema' is not one of json_schema, json_object or none");
    }
}
