package io.ailanes.sharedlib

import static org.assertj.core.api.Assertions.assertThat

import java.nio.file.Path
import javax.xml.parsers.DocumentBuilderFactory

import org.junit.jupiter.api.Test
import org.xml.sax.InputSource

/**
 * The help of every step stays complete: each var's vars/NAME.txt (shown in Pipeline Syntax -> Global
 * Variable Reference) and docs/STEPS.md name every parameter the step takes.
 */
class HelpPagesTest {

    static final List<String> VARS = ['aiChange', 'aiImplementApproved', 'aiReviewChange', 'aiTriage']

    static final Path STEPS = Pipeline.ROOT.resolve('docs/STEPS.md')

    /** The parameters a var accepts, read from the var itself. */
    static Map<String, Map<String, String>> varParameters() {
        Pipeline pipeline = Pipeline.fresh()
        pipeline.run('return null')
        VARS.collectEntries { [(it): pipeline.binding.getVariable(it).PARAMETERS as Map<String, String>] }
    }

    @Test
    void everyVarHasAHelpPageAndNothingElseIsThere() {
        List<String> files = Pipeline.ROOT.resolve('vars').toFile().list() as List<String>

        assertThat(files).containsExactlyInAnyOrderElementsOf(VARS.collectMany { [it + '.groovy', it + '.txt'] })
    }

    @Test
    void helpPagesAreWellFormedHtmlNamingEveryParameter() {
        varParameters().each { String name, Map<String, String> parameters ->
            String help = Pipeline.ROOT.resolve("vars/${name}.txt").getText('UTF-8')
            // Jenkins inserts the page as HTML; parsing it as XML catches unclosed tags and bare < or &.
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader('<div>' + help + '</div>')))
            parameters.keySet().each { parameter ->
                assertThat(help).as("vars/${name}.txt documents $parameter").contains("<code>$parameter</code>")
            }
        }
    }

    @Test
    void stepsMdDocumentsEveryParameterOfEveryStep() {
        Map<String, Collection<String>> steps = [:]
        PluginSteps.PARAMETERS.each { name, parameters -> steps[name] = parameters.keySet() }
        varParameters().each { name, parameters -> steps[name] = parameters.keySet() }
        String text = STEPS.getText('UTF-8')

        steps.each { String step, Collection<String> parameters ->
            String section = section(text, step)
            assertThat(section).as("docs/STEPS.md has a section headed `$step`").isNotNull()
            parameters.each { parameter ->
                assertThat(section).as("docs/STEPS.md, section $step, documents `$parameter`").contains("`$parameter`")
            }
        }
    }

    /** From the heading that names {@code step} in backticks to the next heading of the same level or above. */
    static String section(String text, String step) {
        List<String> lines = text.readLines()
        int start = lines.findIndexOf { it ==~ /#{2,4} `$step`.*/ }
        if (start < 0) {
            return null
        }
        int level = lines[start].takeWhile { it == '#' }.length()
        int end = lines.findIndexOf(start + 1) { it ==~ /#{1,$level} .*/ }
        return lines.subList(start, end < 0 ? lines.size() : end).join('\n')
    }
}
