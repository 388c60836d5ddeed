package io.ailanes.sharedlib

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.node.ObjectNode
import io.ailanes.engine.config.layer.ConfigLayer
import io.ailanes.engine.config.layer.ConfigNarrowing
import io.ailanes.engine.config.layer.EffectiveConfig
import io.ailanes.engine.config.layer.LayerOrigin
import io.ailanes.engine.config.layer.LayerFiles

import java.nio.file.Files
import java.nio.file.Path
import java.util.regex.Matcher

/**
 * The layered configuration examples of the docs, run as the CLI runs them. A YAML block whose first line is a comment
 * naming a file ({@code # teams/team-a.yaml}) is that file; a block with {@code extends:} is a narrowing file, read with
 * the other named blocks of its document laid out as files. A block whose root is {@code aiLanesFolder} is a Jenkins
 * folder's settings as Configuration as Code writes them, narrowing the document's first Configuration as Code block.
 */
final class DocLayers {

    private DocLayers() {}

    /** The file a block stands for, from its first line, or null. */
    static String fileName(MarkdownBlocks.Block block) {
        Matcher named = block.text =~ /\A#\s*([\w.\/-]+\.ya?ml)\s*\n/
        named.find() ? named.group(1) : null
    }

    static boolean isLayer(JsonNode root) {
        root != null && root.has('extends')
    }

    static boolean isFolder(JsonNode root) {
        root != null && root.has('aiLanesFolder')
    }

    /** Where the named blocks of {@code block}'s document are written. */
    static Path folder(MarkdownBlocks.Block block) {
        DocConfigTest.WORK.resolve(block.file.replaceAll(/[^A-Za-z0-9]+/, '-') + '-layers')
    }

    /** The effective configuration of a narrowing-file block, its document's named blocks laid out as files. */
    static EffectiveConfig narrow(MarkdownBlocks.Block block) {
        String name = fileName(block)
        if (name == null) {
            throw new AssertionError("$block has extends: but no first line naming its file, e.g. # teams/team-a.yaml"
                    .toString(), (Throwable) null)
        }
        Path folder = folder(block)
        MarkdownBlocks.blocks(Pipeline.ROOT, Pipeline.ROOT.resolve(block.file), 'yaml').each { MarkdownBlocks.Block other ->
            String file = fileName(other)
            if (file != null) {
                Path target = folder.resolve(file)
                Files.createDirectories(target.parent)
                target.text = other.text
            }
        }
        LayerFiles.read([folder.resolve(name)]).narrow()
    }

    /**
     * A folder block as a narrowing file: the folder property's flat caps go under {@code budgets}, its protected
     * paths and escalation under {@code policy}, as in ai-lanes.yaml.
     */
    static EffectiveConfig narrowFolder(MarkdownBlocks.Block block) {
        MarkdownBlocks.Block global = MarkdownBlocks.blocks(Pipeline.ROOT, Pipeline.ROOT.resolve(block.file), 'yaml')
                .find { DocConfigTest.isCasc(DocConfigTest.YAML.readTree(it.text)) }
        if (global == null) {
            throw new AssertionError("$block: no Configuration as Code block before it to narrow".toString(), (Throwable) null)
        }
        DocConfigTest.check(global)
        Path folder = folder(block)
        Files.createDirectories(folder)
        // The global configuration as DocConfigTest.check wrote it for the engine (headers as maps).
        Path base = DocConfigTest.WORK.resolve(global.file.replaceAll(/[^A-Za-z0-9]+/, '-') + '-' + global.number)
                .resolve('ai-lanes.yaml')
        JsonNode property = DocConfigTest.YAML.readTree(block.text).path('aiLanesFolder')
        ObjectNode layer = DocConfigTest.YAML.createObjectNode()
        layer.put('extends', base.toString())
        ObjectNode budgets = layer.putObject('budgets')
        ObjectNode policy = layer.putObject('policy')
        property.fields().each { Map.Entry<String, JsonNode> field ->
            switch (field.key) {
                case ['perCallUsd', 'perStepUsd', 'perBuildUsd', 'perJobMonthUsd']:
                    budgets.set(field.key, field.value)
                    break
                case 'protectedPaths':
                    policy.set(field.key, field.value)
                    break
                case 'allowEscalation':
                    policy.put(field.key, Boolean.valueOf(field.value.asText()))
                    break
                default:
                    layer.set(field.key, field.value)
            }
        }
        Path file = folder.resolve('folder.yaml')
        DocConfigTest.YAML.writeValue(file.toFile(), layer)
        LayerFiles.Layered read = LayerFiles.read([file])
        // Named as the plugin names it: the folder from the block's first line, "# Folder team-a/payments: ...".
        Matcher named = block.text =~ /\A#\s*Folder\s+([^\s:]+)/
        String name = named.find() ? named.group(1) : 'example'
        ConfigLayer parsed = read.layers()[0]
        ConfigNarrowing.narrow(read.base(), LayerOrigin.GLOBAL, [new ConfigLayer(LayerOrigin.folder(name),
                parsed.allowedProviders(), parsed.lanes(), parsed.budgets(), parsed.protectedPaths(),
                parsed.allowEscalation(), parsed.riskClass())])
    }
}
