package io.ailanes.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample under {@code wire/anthropic} is named by a test in this package (outside this class), so a
 * sample added later cannot go untested unnoticed. Naming is the floor; the tests that name them assert text,
 * finish reasons, ids, attempts and every usage bucket.
 */
class AnthropicFixtureCoverageTest {

    /** Maven runs tests from the module directory. */
    private static final Path TESTS = Path.of("src/test/java/io/ailanes/engine/provider/anthropic");
    private static final String SELF = AnthropicFixtureCoverageTest.class.getSimpleName() + ".java";
    /** A fixture path in a Java string literal: {@code "anthropic/<file>"}. */
    private static final Pattern NAMED = Pattern.compile("\"anthropic/([^\"/]+)\"");

    @Test
    void everySampleIsUsedByATest() throws IOException, URISyntaxException {
        Path samples = Path.of(Fixtures.class.getResource("/wire/anthropic").toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(samples)) {
            names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        List<String> named;
        try (Stream<Path> files = Files.list(TESTS)) {
            named = files.filter(p -> p.toString().endsWith(".java") && !p.endsWith(SELF))
                    .map(AnthropicFixtureCoverageTest::read)
                    .flatMap(source -> NAMED.matcher(source).results().map(m -> m.group(1)))
                    .distinct()
                    .sorted()
                    .collect(Collectors.toList());
        }

        assertThat(names).as("the Anthropic samples").hasSizeGreaterThanOrEqualTo(15);
        assertThat(named).as("samples named by the Anthropic tests").containsAll(names);
        // A test naming a file that does not exist would load nothing: the list must match both ways.
        assertThat(names).as("samples on disk").containsAll(named);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
