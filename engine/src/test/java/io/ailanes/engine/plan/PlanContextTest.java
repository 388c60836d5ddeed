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
    @Test
    void aNameThatCannotBeAddressedIsSkippedWithANoteNotAFailedRun() throws Exception {
        Files.createDirectories(ws.resolve("docs"));
        Files.writeString(ws.resolve("docs/a\\b.md"), "backslash\n");
        Files.writeString(ws.resolve("docs/ok.md"), "ok\n");
        // A name that is not valid UTF-8: only a shell can create it from here.
        Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'docs/bad\\377.md')\"").directory(ws.toFile())
                .start();
        assertThat(touch.waitFor()).isZero();

        PlanContext context = PlanContext.collect(ws, List.of("**/*.md"), "Fix docs/a\\b.md", 10_000);

        assertThat(context.paths()).containsExactly("docs/ok.md");
        assertThat(context.skipped()).extracting(PlanContext.Skipped::reason).anySatisfy(r -> assertThat(r)
                .contains("backslash")).anySatisfy(r -> assertThat(r).contains("encoding"));
        assertThat(context.skipped()).extracting(PlanContext.Skipped::path).contains("docs/a\\b.md");
    }

    @Test
    void anUnreadableFileIsSkippedWithANote() throws Exception {
        Path locked = Files.writeString(ws.resolve("locked.md"), "locked\n");
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "root reads every file");

        PlanContext context = PlanContext.collect(ws, List.of("*.md"), "task", 10_000);

        assertThat(context.paths()).isEmpty();
        assertThat(context.skipped()).containsExactly(
                new PlanContext.Skipped("locked.md", "skipped: it cannot be read (AccessDeniedException)"));
    }

    @Test
    void filesThatHoldSecretsAreWithheldByNameOrFormWhetherGlobbedOrNamedInTheTask() throws Exception {
        Files.writeString(ws.resolve(".env"), "TOKEN=abc\n");
        Files.writeString(ws.resolve(".env.example"), "TOKEN=\n");
        Files.writeString(ws.resolve("deploy.pem"), "cert\n");
        Files.writeString(ws.resolve("notes.md"), "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n");
        Files.writeString(ws.resolve("README.md"), "# readme\n");

        PlanContext context = PlanContext.collect(ws, List.of("*.md", ".env*"), "Rotate deploy.pem", 10_000);

        assertThat(context.paths()).containsExactly("README.md", ".env.example");
        assertThat(context.skipped()).extracting(PlanContext.Skipped::path)
                .containsExactlyInAnyOrder("notes.md", ".env", "deploy.pem");
        assertThat(context.skipped()).allSatisfy(s -> assertThat(s.reason()).startsWith("withheld: "));
        assertThat(context.repoMap()).contains(".env (");
        assertThat(roundTrip(context)).isEqualTo(context);
    }

}
