package io.ailanes.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner's reading of a workspace, done where the workspace is and carried to where the call is made. */
class PlanContextTest {

    @TempDir
    Path ws;

    @Test
    void selectsGlobMatchesThenFilesTheTaskNamesTextOnlyAndTravelsIntact() throws Exception {
        Files.createDirectories(ws.resolve("src"));
        Files.createDirectories(ws.resolve("target"));
        Files.writeString(ws.resolve("README.md"), "# readme\n");
        Files.writeString(ws.resolve("src/Pager.java"), "class Pager {}\n");
        Files.write(ws.resolve("src/logo.md"), new byte[] {'P', 0, 'N', 'G'});
        Files.writeString(ws.resolve("target/Out.md"), "build output\n");

        PlanContext context = PlanContext.collect(ws, List.of("**/*.md"), "Fix src/Pager.java", 10_000);

        assertThat(context.paths()).containsExactly("README.md", "src/Pager.java");
        assertThat(context.files().get(1).content()).isEqualTo("class Pager {}\n");
        assertThat(context.repoMap()).contains("src/Pager.java").doesNotContain("target/Out.md");
        assertThat(context.leftOut()).isEmpty();
        assertThat(roundTrip(context)).isEqualTo(context);
    }

    @Test
    void readsNoMoreFileTextThanTheBudgetHolds() throws Exception {
        Files.writeString(ws.resolve("small.md"), "small\n");
        Files.writeString(ws.resolve("big.md"), "x".repeat(50_000));

        PlanContext context = PlanContext.collect(ws, List.of("*.md"), "task", 2_000);

        assertThat(context.paths()).containsExactly("small.md");
        assertThat(context.leftOut()).containsExactly("big.md");
    }

    @Test
    void aLinkedFileIsNeverRead() throws Exception {
        Path outside = Files.writeString(ws.getParent().resolve("secret-" + ws.getFileName() + ".md"), "secret\n");
        Files.createSymbolicLink(ws.resolve("link.md"), outside);

        PlanContext context = PlanContext.collect(ws, List.of("*.md"), "task mentioning link.md", 10_000);

        assertThat(context.paths()).isEmpty();
        Files.delete(outside);
    }

    static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            T read = (T) in.readObject();
            return read;
        }
    }
}
