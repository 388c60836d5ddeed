package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.testing.Fixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every sample under {@code wire/openai} and {@code wire/deepseek} is named by a test in this package, so a
 * sample added later cannot go untested unnoticed. (Naming is the floor; the tests that name them assert
 * text, finish reasons, ids and every usage bucket.)
 */
class OpenAiFixtureCoverageTest {

    /** Maven runs tests from the module directory. */
    private static final Path TESTS = Path.of("src/test/java/io/ailanes/engine/provider/openai");

    @ParameterizedTest
    @ValueSource(strings = {"openai", "deepseek"})
    void everySampleIsUsedByATest(String provider) throws IOException, URISyntaxException {
        Path samples = Path.of(Fixtures.class.getResource("/wire/" + provider).toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(samples)) {
            names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        String sources;
        try (Stream<Path> files = Files.list(TESTS)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(OpenAiFixtureCoverageTest::read)
                    .collect(Collectors.joining("\n"));
        }

        assertThat(names).isNotEmpty();
        assertThat(names).allSatisfy(name -> assertThat(sources).as("a test naming %s/%s", provider, name)
                .contains(provider + "/" + name));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
