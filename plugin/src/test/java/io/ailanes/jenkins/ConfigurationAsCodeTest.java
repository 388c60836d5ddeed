package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unclassified: aiLanes:} in Configuration as Code: the ai-lanes.yaml fields, and export then apply. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @TempDir
    Path dir;

    @Test
    @ConfiguredWithCode("casc.yaml")
    void exportingThenApplyingTheExportGivesTheSameConfiguration(JenkinsConfiguredWithCodeRule r) throws Exception {
        AiLanesGlobalConfiguration global = AiLanesGlobalConfiguration.get();
        AiLanesConfig loaded = global.toConfig();
        assertEquals("http://127.0.0.1:9/v1", loaded.providers().get(0).baseUrl());
        assertEquals("llm-key", loaded.providers().get(0).credentialsId());
        assertEquals(Map.of("X-Title", "AI Lanes test"), loaded.providers().get(0).headers());
        assertEquals("2m", loaded.providers().get(0).timeouts().firstByte());
        assertEquals(3, loaded.providers().get(0).retry().maxAttempts());
        assertEquals(new BigDecimal("15"), loaded.models().get(0).price().input());
        assertEquals(List.of("planner-latest"), loaded.models().get(0).aliases());
        assertEquals(List.of("local/planner", "local/worker"), loaded.lanes().get(1).models());
        assertEquals(new BigDecimal("2"), loaded.lanes().get(1).budgetUsd());
        assertEquals(new BigDecimal("200"), loaded.budgets().perJobMonthUsd());
        assertEquals(List.of("deploy/**"), loaded.policy().protectedPaths());
        assertFalse(loaded.policy().escalationAllowed());
        assertEquals(List.of("SONAR_HOST_URL", "NPM_CONFIG_*"), loaded.policy().gateEnvironment());
        assertEquals(List.of("pom.xml"), loaded.policy().allowSensitive());
        assertEquals("full", loaded.audit());
        assertEquals(List.of("eu", "us"), loaded.riskClasses().get(0).allowedRegions());

        CNode node = Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get())).get("aiLanes");
        String exported = Util.toYamlString(node);
        assertFalse(exported.contains("AI Lanes test"), "header values are exported encrypted");

        global.setProviders(List.of());
        global.setModels(List.of());
        global.setLanes(List.of());
        global.setBudgets(null);
        global.setRouting(null);
        global.setPolicy(null);
        global.setAudit(null);
        global.setRiskClasses(List.of());
        Path file = dir.resolve("exported.yaml");
        Files.writeString(file, "unclassified:\n  aiLanes:\n" + exported.indent(4));
        ConfigurationAsCode.get().configure(file.toString());

        assertEquals(loaded, AiLanesGlobalConfiguration.get().toConfig());
    }

    private static final String VALID = """
            unclassified:
              aiLanes:
                providers:
                  - id: local
                    kind: openai
                    baseUrl: "http://127.0.0.1:9/v1"
                    credentialsId: llm-key
                    retry: {maxAttempts: 4, jitter: '0.5'}
                models:
                  - ref: local/worker
                    family: beta
                    price: {input: '0.28', output: '0.42', cacheRead: '0.028'}
                lanes:
                  - name: execution
                    models: [local/worker]
                budgets:
                  perCallUsd: '0.50'
                  perBuildUsd: 5
            """;

    private void apply(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "casc", ".yaml");
        Files.writeString(file, yaml);
        ConfigurationAsCode.get().configure(file.toString());
    }

    private void check(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "casc", ".yaml");
        Files.writeString(file, yaml);
        ConfigurationAsCode.get().checkWith(io.jenkins.plugins.casc.yaml.YamlSource.of(file));
    }

    /** The messages of an exception and its causes, which Configuration as Code wraps once per level. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void decimalsHoldWhetherQuotedOrNot(JenkinsConfiguredWithCodeRule r) throws Exception {
        apply(VALID);
        AiLanesConfig quoted = AiLanesGlobalConfiguration.get().toConfig();
        assertEquals(new BigDecimal("0.50"), quoted.budgets().perCallUsd());
        assertEquals(0.5, quoted.providers().get(0).retry().jitter());
        assertEquals(new BigDecimal("0.028"), quoted.models().get(0).price().cacheRead());
        AiLanesGlobalConfiguration.get().setBudgets(null);

        // Configuration as Code's reader drops YAML floats; they are read back from the file they came from.
        apply(VALID.replace("'", ""));

        assertEquals(quoted, AiLanesGlobalConfiguration.get().toConfig());
        check(VALID.replace("'", ""));
    }

    @Test
    void anInvalidConfigurationIsRefusedWholeWithTheMessagesOfTheFormAndTheCli(JenkinsConfiguredWithCodeRule r)
            throws Exception {
        apply(VALID);
        AiLanesConfig applied = AiLanesGlobalConfiguration.get().toConfig();
        String invalid = VALID.replace("kind: openai", "kind: antropic")
                .replace("models: [local/worker]", "models: [local/workerr]\n        escalateTo: reasoning")
                .replace("perBuildUsd: 5", "perBuildUsd: -3");

        String checked = messages(assertThrows(Exception.class, () -> check(invalid)));
        String message = messages(assertThrows(Exception.class, () -> apply(invalid)));

        for (String text : List.of(checked, message)) {
            assertTrue(text.contains("it has 4 problems"), text);
            assertTrue(text.contains("providers[0].kind: unknown provider kind 'antropic'"), text);
            assertTrue(text.contains("lanes.execution[0]: unknown model \"local/workerr\""), text);
            assertTrue(text.contains("lanes[0].escalateTo: no lane 'reasoning'"), text);
            assertTrue(text.contains("budgets.perBuildUsd: a cap must be a positive amount of USD, was -3"), text);
        }
        assertEquals(applied, AiLanesGlobalConfiguration.get().toConfig(), "a refused file changes nothing");
        String notANumber = messages(assertThrows(Exception.class, () -> apply(VALID.replace("perBuildUsd: 5",
                "perBuildUsd: five"))));
        assertTrue(notANumber.contains("budgets.perBuildUsd: 'five' is not a number"), notANumber);
    }

    @Test
    @ConfiguredWithCode("casc.yaml")
    void applyingReplacesTheWholeConfigurationSoAnExportRestoresIt(JenkinsConfiguredWithCodeRule r) throws Exception {
        AiLanesConfig full = AiLanesGlobalConfiguration.get().toConfig();
        String exported = Util.toYamlString(
                Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get())).get("aiLanes"));

        apply(VALID);
        AiLanesConfig smaller = AiLanesGlobalConfiguration.get().toConfig();
        assertTrue(smaller.policy().protectedPaths().isEmpty(), "a policy the file leaves out is the default");
        assertEquals(null, smaller.routing().circuitBreakerThreshold());
        assertEquals(null, smaller.audit());
        assertEquals(1, smaller.models().size());

        apply("unclassified:\n  aiLanes:\n" + exported.indent(4));
        assertEquals(full, AiLanesGlobalConfiguration.get().toConfig());
    }

    /** Every Configuration as Code block of the docs applies, and gives the configuration the CLI reads from it. */
    @Test
    void everyConfigurationAsCodeBlockOfTheDocsAppliesAsWritten(JenkinsConfiguredWithCodeRule r) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper yaml =
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        int applied = 0;
        for (String doc : List.of("GETTING-STARTED.md", "CONFIGURATION.md", "JENKINS.md")) {
            // The module's folder when Maven runs the tests; elsewhere the docs folder is given.
            String text = Files.readString(Path.of(System.getProperty("ai-lanes.docs", "../docs"), doc));
            java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("```yaml\n(.*?)```", java.util.regex.Pattern.DOTALL)
                    .matcher(text);
            while (blocks.find()) {
                String block = blocks.group(1);
                com.fasterxml.jackson.databind.JsonNode root = yaml.readTree(block);
                com.fasterxml.jackson.databind.JsonNode aiLanes = root.path("unclassified").path("aiLanes");
                if (!aiLanes.isObject()) {
                    continue;
                }
                apply(block);
                com.fasterxml.jackson.databind.node.ObjectNode cli = aiLanes.deepCopy();
                for (com.fasterxml.jackson.databind.JsonNode provider : cli.path("providers")) {
                    if (provider.has("headers")) {
                        com.fasterxml.jackson.databind.node.ObjectNode map = yaml.createObjectNode();
                        provider.path("headers").forEach(h -> map.put(h.path("name").asText(), h.path("value").asText()));
                        ((com.fasterxml.jackson.databind.node.ObjectNode) provider).set("headers", map);
                    }
                }
                Path file = Files.createTempFile(dir, "ai-lanes", ".yaml");
                yaml.writeValue(file.toFile(), cli);
                assertEquals(io.ailanes.engine.config.ConfigLoader.read(file), AiLanesGlobalConfiguration.get().toConfig(),
                        doc + ": the applied block is the configuration the CLI reads from it");
                applied++;
            }
        }
        assertTrue(applied >= 4, "JCasC blocks applied: " + applied);
    }
}
