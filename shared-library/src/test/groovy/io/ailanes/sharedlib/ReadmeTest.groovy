package io.ailanes.sharedlib

import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test

/** README.md starts with the two fresh-machine commands and links every document in docs/. */
class ReadmeTest {

    @Test
    void startsWithTheTwoFreshMachineCommands() {
        MarkdownBlocks.Block first = MarkdownBlocks.blocks(Pipeline.ROOT, Pipeline.ROOT.resolve('README.md'), 'bash')[0]
        List<String> commands = first.text.readLines()

        assertThat(first.line).as('the first block, right under the title').isEqualTo(3)
        assertThat(commands).hasSize(2)
        assertThat(commands[0]).as('the main job, run from the checkout').matches(/(bin|scripts)\/\S+.*/)
        assertThat(commands[1]).isEqualTo('mvn -B -ntp verify')
    }

    @Test
    void linksEveryDocument() {
        String readme = Pipeline.ROOT.resolve('README.md').getText('UTF-8')

        MarkdownBlocks.documents(Pipeline.ROOT).tail().each { doc ->
            String link = "(docs/${doc.fileName})"
            assertThat(readme).as("README.md links docs/${doc.fileName}").contains(link)
        }
    }
}
