package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive the package step writes beside the jar: {@code bin/ai-lanes} uses it when it is there and
 * newer than the jar, and a missing, older, mismatched or corrupt archive changes nothing: the command works and
 * says nothing about it. Runs after {@code package} (the {@code integration-test} phase), on the packaged jar.
 * Behaviour only: nothing here is timed.
 */
class CdsArchiveIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("cli/target/ai-lanes.jar");
    private static final Path ARCHIVE = ROOT.resolve("cli/target/ai-lanes.jsa");

    @TempDir
    Path temp;

    record Run(int exit, String out, String err, String classLog) {}

    @Test
    void theBuildsArchiveIsUsed() throws Exception {
        assumeTrue(Files.isRegularFile(ARCHIVE), "the package step wrote no archive on this JVM (it said why)");
        assumeTrue(jarIsCurrent(), "sources newer than the jar: bin/ai-lanes would build (run in the integration-test phase)");
        Run run = version(ROOT);
        assertWorksQuietly(run);
        assertThat(run.classLog()).contains("io.ailanes.cli.AiLanes source: shared objects file (top)");
    }

    @Test
    void withoutAnArchiveTheCommandWorks() throws Exception {
        Path copy = checkout();
        Run run = version(copy);
        assertWorksQuietly(run);
        assertThat(run.classLog()).doesNotContain("shared objects file (top)");
    }

    @Test
    void anArchiveOlderThanTheJarIsNotUsed() throws Exception {
        assumeTrue(Files.isRegularFile(ARCHIVE));
        Path copy = checkout();
        Path archive = copy.resolve("cli/target/ai-lanes.jsa");
        Files.copy(ARCHIVE, archive);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(
                Files.getLastModifiedTime(copy.resolve("cli/target/ai-lanes.jar")).toMillis() - 60_000));
        Run run = version(copy);
        assertWorksQuietly(run);
        assertThat(run.classLog()).doesNotContain("shared objects file (top)");
    }

    @Test
    void anArchiveOfAnotherJarIsRefusedQuietly() throws Exception {
        assumeTrue(Files.isRegularFile(ARCHIVE));
        Path copy = checkout();
        Path archive = copy.resolve("cli/target/ai-lanes.jsa");
        Files.copy(ARCHIVE, archive);
        // newer than the copied jar, so bin/ai-lanes passes it; it was dumped for the build's jar, so the JVM refuses it
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Run run = version(copy);
        assertWorksQuietly(run);
        assertThat(run.classLog()).doesNotContain("io.ailanes.cli.AiLanes source: shared objects file (top)");
    }

    @Test
    void aCorruptOrEmptyArchiveIsRefusedQuietly() throws Exception {
        Path copy = checkout();
        Path archive = copy.resolve("cli/target/ai-lanes.jsa");
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(13).nextBytes(garbage);
        for (byte[] content : List.of(garbage, new byte[0])) {
            Files.write(archive, content);
            Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            Run run = version(copy);
            assertWorksQuietly(run);
            assertThat(run.classLog()).doesNotContain("shared objects file (top)");
        }
    }

    /** Whether bin/ai-lanes would run the jar as it is rather than build it first. */
    private static boolean jarIsCurrent() throws IOException {
        FileTime jar = Files.getLastModifiedTime(JAR);
        for (String sources : List.of("engine/src/main", "cli/src/main")) {
            try (var files = Files.walk(ROOT.resolve(sources))) {
                if (files.anyMatch(file -> {
                    try {
                        return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(jar) > 0;
                    } catch (IOException e) {
                        return true;
                    }
                })) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void assertWorksQuietly(Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ai-lanes ");
        assertThat(run.err()).isEmpty();
    }

    /** bin/ai-lanes and the packaged jar, with no sources, so the script does not try to build. */
    private Path checkout() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), "run after package");
        Path copy = temp.resolve("checkout");
        Files.createDirectories(copy.resolve("bin"));
        Files.createDirectories(copy.resolve("cli/target"));
        Files.copy(ROOT.resolve("bin/ai-lanes"), copy.resolve("bin/ai-lanes"));
        Files.copy(JAR, copy.resolve("cli/target/ai-lanes.jar"));
        return copy;
    }

    private Run version(Path root) throws IOException, InterruptedException {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Path classes = Files.createTempFile(temp, "classes", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of("bash", root.resolve("bin/ai-lanes").toString(),
                "--version")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("AI_LANES_HOME", temp.resolve("home").toString());
        builder.environment().put("AI_LANES_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/ai-lanes --version finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err), Files.readString(classes));
    }
}
