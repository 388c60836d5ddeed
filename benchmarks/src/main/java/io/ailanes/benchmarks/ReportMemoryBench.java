package io.ailanes.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The report of an audit of 10k, 100k and 1M lines under a fixed heap: each size runs in a child JVM
 * ({@code -Xmx256m} unless given) running the engine's {@code ReportMemoryProbe}, which writes the audit, builds
 * cost.json and report.html the way {@code ai-lanes report} does and prints lines, time and heap. Prints the
 * figures and lines per second; a child that runs out of memory prints its error instead.
 *
 * <pre>
 * mvn -o -q -B package -pl benchmarks -am -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.ailanes.benchmarks.ReportMemoryBench [-Xmx256m] [lines ...]
 * </pre>
 */
public final class ReportMemoryBench {

    private ReportMemoryBench() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String heap = "-Xmx256m";
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-Xmx")) {
                heap = a;
            } else {
                sizes.add(Integer.parseInt(a.replace("_", "").replace(",", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000, 1_000_000);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path root = Files.createTempDirectory("report-memory-bench");
        System.out.printf("heap %s, %d cores, Java %s%n", heap, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        for (int lines : sizes) {
            Path dir = root.resolve(Integer.toString(lines));
            Path log = root.resolve(lines + ".log");
            Process child = new ProcessBuilder(java.toString(), heap, "-XX:+ExitOnOutOfMemoryError", "-cp",
                    System.getProperty("java.class.path"), "io.ailanes.engine.run.ReportMemoryProbe",
                    Integer.toString(lines), dir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int rc = child.waitFor();
            String probe = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("PROBE ")).findFirst().orElse(null);
            if (rc != 0 || probe == null) {
                System.out.printf("%,10d lines: exit %d%n%s%n", lines, rc, Files.readString(log));
            } else {
                long ms = Long.parseLong(field(probe, "reportMs"));
                System.out.printf("%,10d lines: report %,d ms (%,.0f lines/s, %.1f µs a line), peak heap %s MB,"
                                + " live %s MB (max %s MB), cost.json %,d KB, report.html %s KB%n",
                        lines, ms, lines * 1000.0 / Math.max(1, ms), ms * 1000.0 / lines, field(probe, "peakHeapMB"),
                        field(probe, "liveMB"), field(probe, "maxHeapMB"),
                        Long.parseLong(field(probe, "costJsonKB")), field(probe, "reportHtmlKB"));
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String field(String probe, String name) {
        return probe.replaceAll(".*\\b" + name + "=(\\S+).*", "$1");
    }
}
