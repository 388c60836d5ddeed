package io.ailanes.sharedlib

import static org.assertj.core.api.Assertions.assertThat

import java.nio.file.Files
import java.nio.file.Path
import javax.xml.parsers.DocumentBuilderFactory

import org.junit.jupiter.api.Test

/**
 * The plugin's Jelly views, checked where every build runs (the plugin module itself builds only with -Pjenkins).
 * Stapler reads {@code ${%text}} as a message key followed by optional arguments in parentheses: {@code ${%Per call (USD)}}
 * formats as "Per call " and {@code ${%Routing (circuit breaker)}} does not compile at all, which stops the whole
 * Manage Jenkins » System page. With a {@code .properties} bundle beside the view, the text is also a
 * {@code MessageFormat} pattern, where quotes and braces are syntax.
 */
class PluginViewsTest {

    static final Path RESOURCES = Pipeline.ROOT.resolve('plugin/src/main/resources')

    /** What is wrong with one localisable text, or null when Stapler shows it as written. */
    static String problem(String text, boolean bundled) {
        if (text.contains('(') || text.contains(')')) {
            return 'parentheses start message arguments'
        }
        if (text.contains('${') || text.contains('{') && bundled) {
            return 'braces are expression or MessageFormat syntax'
        }
        if (text.contains("'") && bundled) {
            return 'a single quote is MessageFormat quoting when a .properties bundle exists'
        }
        if (text.trim() != text || text.isEmpty()) {
            return 'leading or trailing blanks, or empty'
        }
        return null
    }

    /** Every {@code ${%...}} text in a view, up to the brace that ends the expression. */
    static List<String> localisedTexts(String view) {
        List<String> texts = []
        int at = view.indexOf('${%')
        while (at >= 0) {
            int end = view.indexOf('}', at)
            texts << view.substring(at + 3, end < 0 ? view.length() : end)
            at = view.indexOf('${%', at + 3)
        }
        texts
    }

    static List<Path> views() {
        List<Path> views = []
        RESOURCES.toFile().eachFileRecurse { File file ->
            if (file.name.endsWith('.jelly')) {
                views << file.toPath()
            }
        }
        views.sort()
    }

    @Test
    void theRuleRejectsWhatStaplerMisreadsAndKeepsPlainLabels() {
        assertThat(problem('Per call (USD)', false)).isNotNull()
        assertThat(problem('Routing (circuit breaker)', false)).isNotNull()
        assertThat(problem("A review lane may use the implementer's family", true)).isNotNull()
        assertThat(problem('Per call, USD', false)).isNull()
        assertThat(problem("A review lane may use the implementer's family", false)).isNull()
        assertThat(localisedTexts('<f:entry title="${%Per call (USD)}" help="${descriptor.x}"/>'))
                .containsExactly('Per call (USD)')
    }

    @Test
    void everyLocalisableTextInEveryViewShowsAsWritten() {
        List<Path> views = views()
        assertThat(views).hasSizeGreaterThan(15)
        List<String> problems = []
        int texts = 0
        views.each { Path view ->
            String name = view.fileName.toString().replaceFirst(/\.jelly$/, '')
            boolean bundled = Files.exists(view.resolveSibling(name + '.properties'))
            localisedTexts(view.getText('UTF-8')).each { String text ->
                texts++
                String problem = problem(text, bundled)
                if (problem != null) {
                    problems << "${RESOURCES.relativize(view)}: \${%${text}}: ${problem}".toString()
                }
            }
        }
        assertThat(texts).as('localisable texts found').isGreaterThan(50)
        assertThat(problems).as('texts Stapler would misread').isEmpty()
    }

    @Test
    void everyViewIsWellFormedXml() {
        def factory = DocumentBuilderFactory.newInstance()
        factory.namespaceAware = true
        views().each { Path view ->
            factory.newDocumentBuilder().parse(view.toFile())
        }
    }
}
