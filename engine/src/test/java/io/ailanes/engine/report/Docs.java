package io.ailanes.engine.report;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's docs/ folder, found from wherever the build runs the tests. */
public final class Docs {

    private Docs() {}

    public static Path dir() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null) {
            if (Files.isRegularFile(at.resolve("docs/cost.schema.json"))) {
                return at.resolve("docs");
            }
            at = at.getParent();
        }
        throw new IllegalStateException("no docs/cost.schema.json above " + Path.of("").toAbsolutePath());
    }
}
