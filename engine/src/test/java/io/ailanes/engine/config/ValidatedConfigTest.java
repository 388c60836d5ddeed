package io.ailanes.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatedConfigTest {

    @TempDir
    Path dir;

    private ValidatedConfig validate(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, yaml);
        return ValidatedConfig.validate(ConfigLoader.read(file), file, name -> Optional.ofNullable(env.get(name)));
    }

    @Test
    void reportsEveryProblemOfEveryPartAtOnceWithItsPath() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> validate("""
                providers:
                  - id: deepseek
                    kind: openai
                    baseUrl: https://api.deepseek.com/v1
                    credentialsId: DEEPSEEK_API_KEY
                  - id: anthropic
                    kind: antropic
                    baseUrl: https://api.anthropic.com
                models:
                  - ref: deepseek/custom
                    price: {input: 1}
                lanes:
                  - name: execution
                    models: [deepseek/deepseek-chat, deepseek/v4-flsh]
                    escalateTo: reasoning
                  - name: review
                    models: [openai/gpt-5]
                budgets: {perBuildUsd: 0}
                routing: {circuitBreakerCooldown: soon}
                audit: everything
                """, Map.of()));

        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "providers[0].credentialsId: credential 'DEEPSEEK_API_KEY' is not set (CLI: export an environment variable of that name; Jenkins: add a Secret text credential with that id)",
                "providers[1].kind: unknown provider kind 'antropic'; use one of openai, anthropic, gemini",
                "models[0]: price of \"deepseek/custom\" needs both input and output (USD per million tokens)",
                "lanes.execution[1]: unknown model \"deepseek/v4-flsh\"; did you mean \"deepseek/deepseek-v4-flash\"?",
                "lanes.review[0]: no provider 'openai' for model \"openai/gpt-5\"; configured providers: deepseek, anthropic",
                "lanes[0].escalateTo: no lane 'reasoning'",
                "budgets.perBuildUsd: a cap must be a positive amount of USD, was 0",
                "routing.circuitBreakerCooldown: 'soon' is not a duration; write e.g. 500ms, 10s, 2m or 1h",
                "audit: 'everything' is not an audit mode; use hashes or full");
        assertThat(e.getMessage()).startsWith(dir.resolve("ai-lanes.yaml") + " has 9 problems:");
    }

    @Test
    void aValidConfigurationBuildsProvidersPricesAndLanes() throws Exception {
        ValidatedConfig valid = validate("""
                providers:
                  - id: deepseek
                    kind: openai
                    baseUrl: https://api.deepseek.com/v1
                    credentialsId: DEEPSEEK_API_KEY
                models:
                  - ref: deepseek/deepseek-chat
                    price: {input: 0.2, output: 0.4}
                lanes:
                  - name: execution
                    models: [deepseek/deepseek-chat, deepseek/deepseek-v4-flash]
                """, Map.of("DEEPSEEK_API_KEY", "sk-test-0123456789"));

        assertThat(valid.providers().get("deepseek").apiKey().reveal()).isEqualTo("sk-test-0123456789");
        assertThat(valid.catalog().require("deepseek/deepseek-chat").prices().input()).isEqualByComparingTo("0.2");
        assertThat(valid.catalog().require("deepseek/deepseek-chat").contextWindow()).as("kept from the catalog")
                .isEqualTo(131_072L);
        assertThat(valid.lanes().get("execution").models()).extracting(Object::toString)
                .containsExactly("deepseek/deepseek-chat", "deepseek/deepseek-v4-flash");
    }

    @Test
    void problemsOnSaveAreTheRunsProblemsExceptMissingCredentials() throws Exception {
        Path file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, """
                providers:
                  - id: deepseek
                    kind: openai
                    baseUrl: https://api.deepseek.com/v1
                    credentialsId: NOT_CREATED_YET
                lanes:
                  - name: execution
                    models: [deepseek/deepseek-chatt]
                budgets: {perBuildUsd: -3}
                """);

        assertThat(ValidatedConfig.problems(ConfigLoader.read(file), file)).containsExactly(
                "lanes.execution[0]: unknown model \"deepseek/deepseek-chatt\"; did you mean \"deepseek/deepseek-chat\"?",
                "budgets.perBuildUsd: a cap must be a positive amount of USD, was -3");
        assertThat(ValidatedConfig.problems(new AiLanesConfig(null, null, null, null, null, null, null, null), file))
                .as("nothing configured yet is not a problem").isEmpty();
    }

    @Test
    void aKeyIsNeededOnlyForProvidersALaneUses() throws Exception {
        String config = """
                providers:
                  - {id: deepseek, kind: openai, baseUrl: https://api.deepseek.com/v1, credentialsId: DEEPSEEK_API_KEY}
                  - {id: gemini, kind: gemini, baseUrl: https://generativelanguage.googleapis.com/v1beta, credentialsId: GEMINI_API_KEY}
                lanes:
                  - name: execution
                    models: [deepseek/deepseek-chat]
                """;

        ValidatedConfig valid = validate(config, Map.of("DEEPSEEK_API_KEY", "sk-test-0123456789"));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> validate(config.replace(
                "[deepseek/deepseek-chat]", "[deepseek/deepseek-chat, gemini/gemini-2.5-flash]"),
                Map.of("DEEPSEEK_API_KEY", "sk-test-0123456789")));

        assertThat(valid.providers()).containsKeys("deepseek", "gemini");
        assertThat(valid.providers().get("deepseek").apiKey().reveal()).isEqualTo("sk-test-0123456789");
        assertThat(e.problems()).containsExactly("providers[1].credentialsId: credential 'GEMINI_API_KEY' is not set (CLI:"
                + " export an environment variable of that name; Jenkins: add a Secret text credential with that id)");
    }
}
