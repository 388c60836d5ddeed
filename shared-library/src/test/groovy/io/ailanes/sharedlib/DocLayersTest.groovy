package io.ailanes.sharedlib

import static org.assertj.core.api.Assertions.assertThat

import io.ailanes.engine.config.layer.EffectiveConfig

import org.junit.jupiter.api.Test

/** The layered example of docs/CONFIGURATION.md narrows as the page says, and prints what it shows. */
class DocLayersTest {

    static final String DOC = 'docs/CONFIGURATION.md'

    static MarkdownBlocks.Block named(String file) {
        MarkdownBlocks.blocks(Pipeline.ROOT, Pipeline.ROOT.resolve(DOC), 'yaml').find { DocLayers.fileName(it) == file }
    }

    @Test
    void thePaymentsExampleNarrowsAsDocumentedAndPrintsTheDocumentedSummary() {
        MarkdownBlocks.Block payments = named('teams/payments.yaml')
        assertThat(payments).as("$DOC has a block # teams/payments.yaml").isNotNull()

        EffectiveConfig effective = DocLayers.narrow(payments)

        assertThat(effective.config().budgets().perBuildUsd()).isEqualByComparingTo('1.00')
        assertThat(effective.config().providers()*.id()).containsExactly('anthropic', 'openai')
        assertThat(effective.config().lanes().find { it.name() == 'execution' }.models()).containsExactly('openai/gpt-5-mini')
        assertThat(effective.config().policy().escalationAllowed()).isFalse()
        // The summary the page shows, with the files named as the CLI names them from the docs' folder.
        String folder = DocLayers.folder(payments).toString() + File.separator
        List<String> printed = effective.summaryLines().collect { '[ai-lanes] ' + it.replace(folder, '') }
        String shown = MarkdownBlocks.blocks(Pipeline.ROOT, Pipeline.ROOT.resolve(DOC), 'text')
                .find { it.text.contains('effective configuration (') }?.text
        assertThat(shown).as("$DOC shows the effective configuration").isNotNull()
        assertThat(shown.readLines()).containsExactlyElementsOf(printed)
    }

    @Test
    void theJenkinsFolderExampleNarrowsTheJenkinsGlobalExample() {
        MarkdownBlocks.Block folder = MarkdownBlocks.blocks(Pipeline.ROOT, Pipeline.ROOT.resolve('docs/JENKINS.md'), 'yaml')
                .find { DocLayers.isFolder(DocConfigTest.YAML.readTree(it.text)) }
        assertThat(folder).as('docs/JENKINS.md has an aiLanesFolder block').isNotNull()

        EffectiveConfig effective = DocLayers.narrowFolder(folder)

        assertThat(effective.layered()).isTrue()
        assertThat(effective.config().budgets().perBuildUsd()).isLessThan(new BigDecimal('5'))
        assertThat(effective.riskClass()).isNotNull()
        String shown = MarkdownBlocks.blocks(Pipeline.ROOT, Pipeline.ROOT.resolve('docs/JENKINS.md'), 'text')
                .find { it.text.contains('effective configuration (') }?.text
        assertThat(shown).as('docs/JENKINS.md shows the effective configuration').isNotNull()
        assertThat(shown.readLines()).containsExactlyElementsOf(effective.summaryLines().collect { '[ai-lanes] ' + it })
    }
}
