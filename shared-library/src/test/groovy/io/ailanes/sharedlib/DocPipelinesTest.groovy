package io.ailanes.sharedlib

import static io.ailanes.sharedlib.Failures.thrown
import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/**
 * Every ```groovy block of README.md and docs/*.md is a Jenkinsfile: it must compile and run against the
 * plugin steps of the contract, the shared steps and the standard steps of {@link StandardSteps}, and
 * nothing else. The blocks run as a multibranch pull-request build with a TASK parameter and a build.log in
 * the workspace.
 */
class DocPipelinesTest {

    @TestFactory
    List<DynamicTest> everyGroovyBlockRunsAgainstTheRealStepNames() {
        List<MarkdownBlocks.Block> blocks = MarkdownBlocks.all(Pipeline.ROOT, 'groovy')
        assertThat(blocks*.file).as('documents with Jenkinsfile examples')
                .contains('docs/GETTING-STARTED.md', 'docs/STEPS.md')
        Set<String> called = new TreeSet<>()
        List<DynamicTest> tests = blocks.collect { MarkdownBlocks.Block block ->
            DynamicTest.dynamicTest(block.toString()) {
                // Count a step for the example that calls it itself, not through a shared step.
                called.addAll(runBlock(block).findAll { block.text =~ /\b${it}\s*\(/ })
            }
        }
        // Runs last: dynamic tests run in order.
        tests << DynamicTest.dynamicTest('every step has a working example') {
            List<String> documented = (PluginSteps.PARAMETERS.keySet() as List<String>) + ['aiChange', 'aiImplementApproved',
                                                                                           'aiReviewChange', 'aiTriage']
            assertThat(called).as("steps called by the docs' Jenkinsfile examples").containsAll(documented)
        }
        return tests
    }

    /** Runs a block as a Jenkinsfile; returns the steps it called. */
    private static List<String> runBlock(MarkdownBlocks.Block block) {
        Pipeline pipeline = Pipeline.fresh()
        pipeline.env.putAll(BRANCH_NAME: 'PR-17', CHANGE_ID: '17', CHANGE_TARGET: 'main',
                CHANGE_TITLE: 'Pager skips the last page', BUILD_NUMBER: '42', JOB_NAME: 'shop/PR-17')
        pipeline.binding.getVariable('params').TASK = 'Add a --verbose flag that logs each HTTP request'
        pipeline.files['build.log'] = '[ERROR] Tests run: 12, Failures: 1\n[ERROR] PagerTest.lastPage:31 expected 5 but was 4'
        // An example that handles a change its risk class held runs with one held, so its approval path runs too.
        if (block.text.contains('approvalRequired') || block.text.contains('aiImplementApproved')) {
            pipeline.results.aiImplement = PluginSteps.held()
        }
        try {
            pipeline.run(block.text)
        } catch (Throwable t) {
            throw new AssertionError("$block does not run: $t", t)
        }
        // Shared steps are dispatched by JenkinsPipelineUnit itself: its call stack has them.
        return pipeline.calls*.step + pipeline.helper.callStack*.methodName
    }

    @Test
    void aBlockCallingAStepThatDoesNotExistFails() {
        MarkdownBlocks.Block block = new MarkdownBlocks.Block('docs/X.md', 1, 1, 'groovy', "node { slackSend 'Go?' }\n")

        AssertionError failure = thrown(AssertionError) { runBlock(block) }

        assertThat(failure.message).startsWith('docs/X.md, groovy block 1 (line 1) does not run:')
                .contains('MissingMethodException').contains('slackSend')
    }

    @Test
    void aBlockPassingAParameterAPluginStepDoesNotTakeFails() {
        MarkdownBlocks.Block block = new MarkdownBlocks.Block('docs/X.md', 2, 9, 'groovy',
                "node { aiPlan(task: 'x', contextGlobs: ['src/**']) }\n")

        AssertionError failure = thrown(AssertionError) { runBlock(block) }

        assertThat(failure.message).startsWith('docs/X.md, groovy block 2 (line 9) does not run:')
                .contains("aiPlan has no parameter 'contextGlobs'")
    }

    @Test
    void blocksAreFoundWithTheirNumberAndLine() {
        java.nio.file.Path doc = java.nio.file.Files.createTempFile('doc', '.md')
        doc.text = 'Text\n\n```groovy\nnode {}\n```\n\n````yaml\na: 1\n````\n\n```groovy title\necho "hi"\n```\n'

        List<MarkdownBlocks.Block> groovy = MarkdownBlocks.blocks(doc.parent, doc, 'groovy')
        List<MarkdownBlocks.Block> yaml = MarkdownBlocks.blocks(doc.parent, doc, 'yaml')

        assertThat(groovy*.text).containsExactly('node {}\n', 'echo "hi"\n')
        assertThat(groovy*.line).as("the line of the opening fence").containsExactly(3, 11)
        assertThat(groovy*.number).containsExactly(1, 2)
        assertThat(yaml*.text).containsExactly('a: 1\n')
    }
}
