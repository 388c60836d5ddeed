package io.ailanes.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a 200,000-line audit, built the way {@code ai-lanes report} builds it, in a child JVM whose heap
 * is 40 MB: too small for any report that keeps its rows (the version before this one kept about 63 MB live at
 * 200k lines and ran out of memory in this very setup). No time is asserted; the child must finish, with every
 * attempt counted.
 */
class ReportBoundedMemoryTest {

    private static final int LINES = 200_000;

    @TempDir
    Path dir;

    @Test
    void aLargeAuditIsReportedUnderA40MegabyteHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("probe.log");
        Process child = new ProcessBuilder(java.toString(), "-Xmx40m", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                ReportMemoryProbe.class.getName(), Integer.toString(LINES), dir.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = child.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            child.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as(output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        // Every line is an attempt or a blocked action: the report saw them all.
        List<String> probe = output.lines().filter(l -> l.startsWith("PROBE ")).toList();
        assertThat(probe).as(output).hasSize(1);
        assertThat(probe.get(0)).contains("lines=" + LINES + " ", "attempts=199825 ", "events=175 ");
        assertThat(Integer.parseInt(probe.get(0).replaceAll(".* maxHeapMB=(\\d+) .*", "$1"))).isLessThanOrEqualTo(40);
        assertThat(Files.size(dir.resolve("out/cost.json"))).isGreaterThan(100_000_000L);
    }
}
