package io.ailanes.sharedlib

import static io.ailanes.sharedlib.Failures.thrown
import static org.assertj.core.api.Assertions.assertThat

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory
import io.ailanes.engine.config.AiLanesConfig
import io.ailanes.engine.config.ConfigException
import io.ailanes.engine.config.ConfigLoader
import io.ailanes.engine.config.Secrets
import io.ailanes.engine.config.ValidatedConfig

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/**
 * Every ```yaml block of README.md and docs/*.md is a configuration, checked by the engine itself
 * (ConfigLoader, then ValidatedConfig): either an ai-lanes.yaml, or a Configuration as Code file whose
 * {@code unclassified.aiLanes} holds the same configuration, with each provider's credentialsId naming a
 * Secret text credential the same file defines (when it defines credentials).
 */
class DocConfigTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())

    /** Every credentialsId resolves: the docs show references, never keys. */
    static final Secrets ANY_KEY = { String id -> Optional.of('sk-doc-example-key') } as Secrets

    static final Path WORK = Paths.get('target', 'doc-configs').toAbsolutePath()

    @TestFactory
    List<DynamicTest> everyYamlBlockIsAValidConfiguration() {
        List<MarkdownBlocks.Block> blocks = MarkdownBlocks.all(Pipeline.ROOT, 'yaml')
        assertThat(blocks*.file).as('documents with configuration examples')
                .contains('README.md', 'docs/GETTING-STARTED.md', 'docs/CONFIGURATION.md')
        assertThat(blocks.findAll { isCasc(YAML.readTree(it.text)) }*.file).as('documents with JCasC examples')
                .contains('docs/GETTING-STARTED.md', 'docs/CONFIGURATION.md')
        blocks.collect { MarkdownBlocks.Block block -> DynamicTest.dynamicTest(block.toString()) { check(block) } }
    }

    /** Configuration as Code files start with its root keys; ai-lanes.yaml never has these. */
    static boolean isCasc(JsonNode root) {
        root != null && ['unclassified', 'credentials', 'jenkins'].any { root.has(it) }
    }

    static ValidatedConfig check(MarkdownBlocks.Block block) {
        Path folder = WORK.resolve(block.file.replaceAll(/[^A-Za-z0-9]+/, '-') + '-' + block.number)
        Files.createDirectories(folder)
        Path file = folder.resolve('ai-lanes.yaml')
        try {
            JsonNode root = YAML.readTree(block.text)
            // Layers (CONFIGURATION.md, Layers): checked as the configuration they make with what they narrow.
            if (DocLayers.isLayer(root) || DocLayers.isFolder(root)) {
                def effective = DocLayers.isLayer(root) ? DocLayers.narrow(block) : DocLayers.narrowFolder(block)
                return ValidatedConfig.validate(effective.config(), file, ANY_KEY)
            }
            if (isCasc(root)) {
                JsonNode aiLanes = root.path('unclassified').path('aiLanes')
                if (!aiLanes.isObject()) {
                    throw new AssertionError("$block is a JCasC file without unclassified.aiLanes".toString(), (Throwable) null)
                }
                checkCredentials(block, root, aiLanes)
                checkNoUnquotedDecimals(block, aiLanes, 'unclassified.aiLanes')
                YAML.writeValue(file.toFile(), headersAsMaps(block, aiLanes))
            } else {
                file.text = block.text
            }
            AiLanesConfig config = ConfigLoader.read(file)
            standInPriceFiles(config, folder)
            return ValidatedConfig.validate(config, file, ANY_KEY)
        } catch (ConfigException e) {
            throw new AssertionError("$block is not a valid configuration:\n  - ${e.problems().join('\n  - ')}", e)
        }
    }

    /**
     * JCasC binds no maps: the plugin takes a provider's headers as a list of {@code name}/{@code value} entries,
     * where ai-lanes.yaml writes a map. A JCasC block with a map there would not load in Jenkins.
     */
    private static JsonNode headersAsMaps(MarkdownBlocks.Block block, JsonNode aiLanes) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = aiLanes.deepCopy()
        for (JsonNode provider : copy.path('providers')) {
            JsonNode headers = provider.path('headers')
            if (headers.isMissingNode()) {
                continue
            }
            if (!headers.isArray()) {
                throw new AssertionError("$block: provider ${provider.path('id').asText()} writes headers as a map;" +
                        " Configuration as Code needs a list of {name, value} entries".toString(), (Throwable) null)
            }
            com.fasterxml.jackson.databind.node.ObjectNode map = YAML.createObjectNode()
            for (JsonNode entry : headers) {
                map.put(entry.path('name').asText(), entry.path('value').asText())
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) provider).set('headers', map)
        }
        return copy
    }

    /**
     * Configuration as Code drops a YAML float (its parser clones each value, and a Double does not clone). The plugin
     * reads such values back from a file, but not from a request body or a URL: the docs quote every decimal, which
     * applies however the file reaches Jenkins.
     */
    private static void checkNoUnquotedDecimals(MarkdownBlocks.Block block, JsonNode node, String path) {
        if (node.isFloatingPointNumber()) {
            throw new AssertionError("$block: $path is the unquoted decimal ${node.asText()}; Configuration as Code" +
                    " drops it: write '${node.asText()}'".toString(), (Throwable) null)
        }
        if (node.isObject()) {
            node.fields().each { Map.Entry<String, JsonNode> field ->
                checkNoUnquotedDecimals(block, field.value, path + '.' + field.key)
            }
        } else if (node.isArray()) {
            node.eachWithIndex { JsonNode item, int i -> checkNoUnquotedDecimals(block, item, "$path[$i]") }
        }
    }

    @Test
    void anUnquotedDecimalInAJcascBlockIsReported() {
        MarkdownBlocks.Block block = new MarkdownBlocks.Block('docs/X.md', 4, 9, 'yaml', '''\
unclassified:
  aiLanes:
    providers:
      - {id: deepseek, kind: openai, baseUrl: https://api.deepseek.com/v1, credentialsId: deepseek-api-key}
    lanes:
      - {name: execution, models: [deepseek/deepseek-chat]}
    budgets: {perCallUsd: 0.50}
''')
        AssertionError failure = thrown(AssertionError) { check(block) }

        assertThat(failure.message).isEqualTo("docs/X.md, yaml block 4 (line 9): unclassified.aiLanes.budgets.perCallUsd" +
                " is the unquoted decimal 0.5; Configuration as Code drops it: write '0.5'")
    }

    /** A JCasC file that defines credentials must define every one its providers name, as Secret text. */
    private static void checkCredentials(MarkdownBlocks.Block block, JsonNode root, JsonNode aiLanes) {
        JsonNode domains = root.path('credentials').path('system').path('domainCredentials')
        if (domains.isMissingNode()) {
            return
        }
        Set<String> defined = [] as Set
        domains.each { domain -> domain.path('credentials').each { credential -> defined << credential.path('string').path('id').asText() } }
        aiLanes.path('providers').each { provider ->
            String id = provider.path('credentialsId').asText(null)
            if (id != null && !(id in defined)) {
                throw new AssertionError("$block: provider ${provider.path('id').asText()} names credentialsId '$id'," +
                        " which is not a Secret text (string) credential of the same file; it defines $defined", (Throwable) null)
            }
        }
    }

    /** Docs name price files they cannot ship (e.g. written by `ai-lanes prices import`): an empty catalog stands in. */
    private static void standInPriceFiles(AiLanesConfig config, Path folder) {
        config.priceFiles().findAll { it }.each { String name ->
            Path file = folder.resolve(name)
            Files.createDirectories(file.parent)
            file.text = '{"currency": "USD", "unit": "per_million_tokens", "models": []}'
        }
    }

    @Test
    void anUnknownModelInADocIsReportedWithTheBlock() {
        MarkdownBlocks.Block block = new MarkdownBlocks.Block('docs/X.md', 3, 40, 'yaml', '''\
providers:
  - {id: deepseek, kind: openai, baseUrl: https://api.deepseek.com/v1, credentialsId: DEEPSEEK_API_KEY}
lanes:
  - {name: execution, models: [deepseek/deepseek-chatt]}
''')
        AssertionError failure = thrown(AssertionError) { check(block) }

        assertThat(failure.message).startsWith('docs/X.md, yaml block 3 (line 40) is not a valid configuration:')
                .contains('unknown model "deepseek/deepseek-chatt"')
    }

    @Test
    void aJcascProviderMustNameACredentialOfTheSameFile() {
        MarkdownBlocks.Block block = new MarkdownBlocks.Block('docs/X.md', 1, 5, 'yaml', '''\
credentials:
  system:
    domainCredentials:
      - credentials:
          - string: {scope: GLOBAL, id: deepseek-key, secret: "${DEEPSEEK_API_KEY}"}
unclassified:
  aiLanes:
    providers:
      - {id: deepseek, kind: openai, baseUrl: https://api.deepseek.com/v1, credentialsId: deepseek-api-key}
''')
        AssertionError failure = thrown(AssertionError) { check(block) }

        assertThat(failure.message).isEqualTo("docs/X.md, yaml block 1 (line 5): provider deepseek names credentialsId" +
                " 'deepseek-api-key', which is not a Secret text (string) credential of the same file; it defines [deepseek-key]")
    }

    @Test
    void aJcascSubtreeIsTheSameConfiguration() {
        MarkdownBlocks.Block block = new MarkdownBlocks.Block('docs/X.md', 2, 1, 'yaml', '''\
unclassified:
  aiLanes:
    providers:
      - {id: deepseek, kind: openai, baseUrl: https://api.deepseek.com/v1, credentialsId: deepseek-api-key}
    lanes:
      - {name: execution, models: [deepseek/deepseek-chat]}
    budgets: {perBuildUsd: 0}
''')
        AssertionError failure = thrown(AssertionError) { check(block) }

        assertThat(failure.message).contains('budgets.perBuildUsd: a cap must be a positive amount of USD, was 0')
    }
}
