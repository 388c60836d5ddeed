package io.ailanes.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Provider wire samples under {@code src/test/resources/wire/} (verbatim copies, provenance in
 * {@code wire/SOURCES.md}).
 */
public final class Fixtures {

    private Fixtures() {}

    public static byte[] bytes(String path) {
        String resource = "/wire/" + path;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** A file of this repository's docs folder (docs/NAME), found above the build's working directory. */
    public static Path doc(String name) {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isRegularFile(at.resolve("docs/ARCHITECTURE.md"))) {
            at = at.getParent();
        }
        if (at == null) {
            throw new IllegalStateException("no docs/ARCHITECTURE.md above " + Path.of("").toAbsolutePath());
        }
        return at.resolve("docs").resolve(name);
    }

    public static JsonNode json(String path) {
        return Json.tryParse(bytes(path)).orElseThrow(() -> new IllegalArgumentException(path + " is not JSON"));
    }
}
