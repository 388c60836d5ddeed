package io.ailanes.sharedlib

import static org.assertj.core.api.Assertions.assertThat

import java.nio.file.Path

import org.junit.jupiter.api.Test

/**
 * Static checks of the library's Groovy (vars/ and src/) for mistakes its tests cannot see: Groovy ending a
 * statement at a line break before an operator, and calls a sandboxed library may not make.
 */
class LibrarySourceTest {

    static final java.util.regex.Pattern LEADING_OPERATOR = ~/^\s*[+-]\s/

    static List<Path> sources() {
        List<Path> found = []
        ['vars', 'src'].each { folder ->
            Pipeline.ROOT.resolve(folder).toFile().eachFileRecurse(groovy.io.FileType.FILES) { file ->
                if (file.name.endsWith('.groovy')) {
                    found << file.toPath()
                }
            }
        }
        return found
    }

    @Test
    void noLineStartsWithABinaryOperator() {
        // `return a\n + b` returns a: Groovy ends the statement at the line break, and `+ b` is a valid unary
        // expression, so nothing fails. (A leading ?, : or && is a syntax error instead, which the tests see.)
        List<String> offenders = sources().collectMany { Path file ->
            List<String> found = []
            file.readLines('UTF-8').eachWithIndex { String line, int i ->
                if (LEADING_OPERATOR.matcher(line).find()) {
                    found << "${Pipeline.ROOT.relativize(file)}:${i + 1}: $line".toString()
                }
            }
            found
        }
        assertThat(offenders).isEmpty()
    }

    @Test
    void noCallThatNeedsScriptApprovalOrRunsOnTheController() {
        List<String> forbidden = ['rawBuild', 'Jenkins.', 'new File', '@Grab', 'System.', '.execute()', 'evaluate(',
                                  'getRawBuild']
        sources().each { Path file ->
            // Code only: comments may explain why a call is not made.
            String text = file.getText('UTF-8').replaceAll(/(?s)\/\*.*?\*\//, '').replaceAll(/\/\/.*/, '')
            forbidden.each { call ->
                assertThat(text).as("${Pipeline.ROOT.relativize(file)} uses $call").doesNotContain(call)
            }
        }
    }

    @Test
    void theCheckCatchesTheMistakeItIsFor() {
        String bad = "        return 'a'\n                + 'b'"
        assertThat(LEADING_OPERATOR.matcher(bad.readLines()[1]).find()).isTrue()
        assertThat(LEADING_OPERATOR.matcher(bad.readLines()[0]).find()).isFalse()
    }
}
