package io.ailanes.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.ProviderConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ai-lanes.yaml and checking it as a whole. */
class ConfigLoaderTest {

    private static final Secrets SECRETS = id -> Optional.ofNullable(Map.of("DEEPSEEK_API_KEY", "sk-ds-0123456789abcdef").get(id));

    @TempDir
    Path dir;

    @Test
    void everyProblemOfEverySectionIsReportedAtOnceWithItsPath() throws IOException {
        Path file = write("""
                providers:
                  - id: deepseek
                    kind: openai
                    baseUrl: https://api.deepseek.com/v1
                    credentialsId: DEEPSEEK_API_KEY
                  - id: anthropic
                    kind: anthropc
                    baseUrl: https://api.anthropic.com/v1
                    credentialsId: ANTHROPIC_API_KEY
                models:
                  - ref: acme/widget-1
                lanes:
                  - name: execution
                    models: [deepseek/deepseek-chat, deepseek/v4-flsh, mistral/mistral-large]
                    escalateTo: reasonin
                  - name: review
                    models: [anthropic/claude-opus-4-5]
                    escalateTo: review
                  - name: execution
                    models: [deepseek/deepseek-chat]
                budgets:
                  perBuildUsd: -1
                routing:
                  circuitBreakerThreshold: 0
                  circuitBreakerCooldown: soon
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ValidatedConfig.of(ConfigLoader.read(file), file, SECRETS));

        assertThat(e.problems()).containsExactly(
                "providers[1].kind: unknown provider kind 'anthropc'; use one of openai, anthropic, gemini",
                "providers[1].credentialsId: credential 'ANTHROPIC_API_KEY' is not set (CLI: export an"
                        + " environment variable of that name; Jenkins: add a Secret text credential with that id)",
                "models[0]: \"acme/widget-1\" has no price in the catalog: give price: {input: ..., output: ...}"
                        + " (USD per million tokens)",
                "lanes.execution[1]: unknown model \"deepseek/v4-flsh\"; did you mean \"deepseek/deepseek-v4-flash\"?",
                "lanes.execution[2]: no provider 'mistral' for model \"mistral/mistral-large\"; configured providers:"
                        + " deepseek, anthropic",
                "lanes[2].name: duplicate lane 'execution'",
                "lanes[0].escalateTo: no lane 'reasonin'",
                "lanes[1].escalateTo: a lane cannot escalate to itself",
                "budgets.perBuildUsd: a cap must be a positive amount of USD, was -1",
                "routing.circuitBreakerThreshold: must be at least 1, was 0",
                "routing.circuitBreakerCooldown: 'soon' is not a duration; write e.g. 500ms, 10s, 2m or 1h");
        assertThat(e.getMessage()).startsWith(file + " has 11 problems:\n  - providers[1].kind: ");
    }

    @Test
    void aValidConfigurationBuildsProvidersLanesAndRouting() throws IOException {
        Path file = write("""
                providers:
                  - id: deepseek
                    kind: openai
                    baseUrl: https://api.deepseek.com/v1/
                    credentialsId: DEEPSEEK_API_KEY
                    retry: {maxAttempts: 2, initialBackoff: 10ms}
                    timeouts: {connect: 2s, total: 5m}
                lanes:
                  - name: execution
                    models: [deepseek/deepseek-chat, deepseek/deepseek-v4-flash]
                    escalateTo: reasoning
                  - name: reasoning
                    models: [deepseek/deepseek-reasoner]
                  - name: review
                    models: [deepseek/deepseek-chat]
                    allowSameFamily: true
                routing:
                  circuitBreakerThreshold: 5
                  circuitBreakerCooldown: 2m
                """);

        ValidatedConfig valid = ValidatedConfig.of(ConfigLoader.read(file), file, SECRETS);

        ProviderConfig deepseek = valid.providers().get("deepseek");
        assertThat(deepseek.baseUrl()).isEqualTo("https://api.deepseek.com/v1");
        assertThat(deepseek.apiKey().reveal()).isEqualTo("sk-ds-0123456789abcdef");
        assertThat(deepseek.retry().maxAttempts()).isEqualTo(2);
        assertThat(deepseek.retry().initialBackoff()).isEqualTo(Duration.ofMillis(10));
        assertThat(deepseek.timeouts().connect()).isEqualTo(Duration.ofSeconds(2));
        assertThat(deepseek.timeouts().total()).isEqualTo(Duration.ofMinutes(5));
        assertThat(valid.lanes()).containsOnlyKeys("execution", "reasoning", "review");
        Lane execution = valid.lanes().get("execution");
        assertThat(execution.models()).extracting(ModelRef::toString)
                .containsExactly("deepseek/deepseek-chat", "deepseek/deepseek-v4-flash");
        assertThat(execution.escalateTo()).isEqualTo("reasoning");
        assertThat(execution.allowSameFamily()).isFalse();
        assertThat(valid.lanes().get("review").allowSameFamily()).isTrue();
        assertThat(valid.breakerThreshold()).isEqualTo(5);
        assertThat(valid.breakerCooldown()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void routingDefaultsToThreeFailuresAndOneMinute() throws IOException {
        Path file = write("""
                providers:
                  - {id: deepseek, kind: openai, baseUrl: "https://api.deepseek.com/v1", credentialsId: DEEPSEEK_API_KEY}
                lanes:
                  - {name: execution, models: [deepseek/deepseek-chat]}
                """);
        ValidatedConfig valid = ValidatedConfig.of(ConfigLoader.read(file), file, SECRETS);
        assertThat(valid.breakerThreshold()).isEqualTo(3);
        assertThat(valid.breakerCooldown()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anUnknownYamlFieldIsNamedWithItsPathAndASuggestion() throws IOException {
        Path file = write("""
                providers:
                  - id: deepseek
                    kind: openai
                    baseUrl: https://api.deepseek.com/v1
                    credentialId: DEEPSEEK_API_KEY
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.read(file));

        assertThat(e.problems()).containsExactly("providers[0].credentialId: unknown field 'credentialId'; did you mean"
                + " 'credentialsId'?; known fields: baseUrl, credentialsId, dataRegion, headers, id, kind, retry, structuredOutput, timeouts, tokenLimitField");
    }

    @Test
    void unknownFieldsAreReportedWithEveryOtherProblemAndTheCountIsRight() throws IOException {
        Path file = write("""
                providers:
                  - id: deepseek
                    kind: openai
                    baseUrl: https://api.deepseek.com/v1
                    timeouts: {idle: soon}
                    credentialId: DEEPSEEK_API_KEY
                lanes:
                  - name: execution
                    models: [deepseek/deepseek-chat]
                    budgetUsd: 2
                    fallback: yes
                budgets: {perBuildUsd: -5}
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.read(file));

        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems().get(0)).startsWith("providers[0].credentialId: unknown field 'credentialId'; did you mean"
                + " 'credentialsId'?");
        assertThat(e.problems().get(1)).startsWith("lanes[0].fallback: unknown field 'fallback'");
        assertThat(e.problems()).contains("providers[0].timeouts.idle: 'soon' is not a duration; write e.g. 500ms, 10s, 2m or 1h",
                "budgets.perBuildUsd: a cap must be a positive amount of USD, was -5");
        assertThat(e.getMessage()).contains("has 4 problems:");
    }

    @Test
    void anUnknownTopLevelFieldAndAMissingFileAreReported() throws IOException {
        Path file = write("lane:\n  - name: execution\n");
        assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.read(file)).problems())
                .containsExactly("lane: unknown field 'lane'; did you mean 'lanes'?; known fields: audit, budgets, lanes,"
                        + " models, policy, priceFiles, providers, riskClass, riskClasses, routing");
        Path missing = dir.resolve("nope.yaml");
        assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.read(missing)).problems())
                .containsExactly("file not found");
    }

    @Test
    void strayEmptyEntriesAreReportedWithTheirPaths() throws IOException {
        Path file = write("""
                providers:
                  -
                  - {id: deepseek, kind: openai, baseUrl: "https://api.deepseek.com/v1", credentialsId: DEEPSEEK_API_KEY}
                priceFiles: [~]
                lanes:
                  - name: execution
                    models: [deepseek/deepseek-chat, ~]
                  -
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ValidatedConfig.of(ConfigLoader.read(file), file, SECRETS));

        assertThat(e.problems()).containsExactly(
                "providers[0]: empty entry",
                "priceFiles[0]: empty entry",
                "lanes.execution[1]: empty entry; write provider/model",
                "lanes[1]: empty entry");
    }

    @Test
    void aMissingCredentialNamesTheVariable() throws IOException {
        Path file = write("""
                providers:
                  - {id: openai, kind: openai, baseUrl: "https://api.openai.com/v1", credentialsId: OPENAI_API_KEY}
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.providers(ConfigLoader.read(file), SECRETS, file.toString()));
        assertThat(e.problems()).containsExactly("providers[0].credentialsId: credential 'OPENAI_API_KEY' is not set"
                + " (CLI: export an environment variable of that name; Jenkins: add a Secret text credential with"
                + " that id)");
    }

    // --- prices ---

    @Test
    void aConfiguredPriceReplacesTheBundledOneAndKeepsTheRest() throws IOException {
        Path file = write("""
                models:
                  - ref: qwen/qwen3-coder-plus
                    price: {input: 0.5, output: 2.5}
                  - ref: acme/widget-1
                    price: {input: 1, output: 3, cacheRead: 0.1}
                    contextWindow: 32000
                    family: acme
                """);

        PriceCatalog catalog = PriceSetup.catalog(ConfigLoader.read(file), file);

        ModelPrice bundled = PriceCatalog.bundled().require("qwen/qwen3-coder-plus");
        ModelPrice qwen = catalog.require("qwen/qwen3-coder-plus");
        assertThat(qwen.prices().input()).isEqualByComparingTo("0.5");
        assertThat(qwen.prices().output()).isEqualByComparingTo("2.5");
        assertThat(qwen.tiers()).isEmpty();
        assertThat(qwen.contextWindow()).isEqualTo(bundled.contextWindow());
        assertThat(qwen.family()).isEqualTo("qwen");
        assertThat(qwen.source()).isEqualTo("configuration ai-lanes.yaml");
        assertThat(qwen.asOf()).isNull();
        // Found by its alias too: the override replaced the entry, it did not sit beside it.
        assertThat(catalog.require("qwen/qwen3-coder-plus-2025-07-22").prices().input()).isEqualByComparingTo("0.5");
        ModelPrice widget = catalog.require("acme/widget-1");
        assertThat(widget.prices().cacheReadRate()).isEqualByComparingTo("0.1");
        assertThat(widget.contextWindow()).isEqualTo(32000L);
        assertThat(widget.family()).isEqualTo("acme");
        assertThat(PriceCatalog.bundled().require("qwen/qwen3-coder-plus").prices().input()).isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void aModelWithoutAPriceOrCatalogEntryAndAHalfPriceAreErrors() throws IOException {
        Path file = write("""
                models:
                  - ref: acme/widget-1
                    contextWindow: 1000
                  - ref: acme/widget-2
                    price: {input: 1}
                  - ref: widget-3
                    price: {input: 1, output: 2}
                  - price: {input: 1, output: 2}
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> PriceSetup.catalog(ConfigLoader.read(file), file));

        assertThat(e.problems()).containsExactly(
                "models[0]: \"acme/widget-1\" has no price in the catalog: give price: {input: ..., output: ...}"
                        + " (USD per million tokens)",
                "models[1]: price of \"acme/widget-2\" needs both input and output (USD per million tokens)",
                "models[2]: model 'widget-3' must be written provider/model, e.g. deepseek/deepseek-chat or"
                        + " anthropic/claude-sonnet-4-5",
                "models[3].ref: missing; write provider/model");
    }

    @Test
    void priceFilesAreReadRelativeToTheConfigurationFile() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(sub.resolve("prices"));
        Files.writeString(sub.resolve("prices/extra.json"), """
                {"date": "2026-08-01", "currency": "USD", "unit": "per_million_tokens", "models": [
                  {"ref": "deepseek/deepseek-chat", "family": "deepseek", "input": 0.3, "output": 0.5,
                   "contextWindow": 128000, "maxOutputTokens": 8192, "source": "test", "asOf": "2026-08-01"},
                  {"ref": "acme/widget-9", "family": "acme", "input": 2, "output": 4, "source": "test", "asOf": "2026-08-01"}]}
                """);
        Path file = sub.resolve("ai-lanes.yaml");
        Files.writeString(file, "priceFiles: [prices/extra.json, prices/missing.json]\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> PriceSetup.catalog(ConfigLoader.read(file), file));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("priceFiles[1]: " + sub.toAbsolutePath().resolve("prices/missing.json") + ": cannot read price catalog");

        Files.writeString(file, "priceFiles: [prices/extra.json]\n");
        PriceCatalog catalog = PriceSetup.catalog(ConfigLoader.read(file), file);
        assertThat(catalog.require("deepseek/deepseek-chat").prices().input()).isEqualByComparingTo("0.3");
        assertThat(catalog.require("acme/widget-9").prices().output()).isEqualByComparingTo("4");
        assertThat(catalog.require("openai/gpt-5").prices().input()).isEqualByComparingTo("1.25");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
