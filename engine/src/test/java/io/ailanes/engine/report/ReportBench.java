package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A plain benchmark (not a test): builds the report from 1k, 10k and 100k synthetic attempts fed one at a time
 * (as the CLI reads the audit), writes cost.json and report.html, and prints the time and the heap's peak.
 * Run it under a 256 MB heap to show the 100k case fits:
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -pl engine -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx256m -cp "engine/target/test-classes:engine/target/classes:$(cat /tmp/cp.txt)" \
 *     io.ailanes.engine.report.ReportBench
 * </pre>
 *
 * The peak is the sum of the heap pools' peaks since the last reset (an upper bound: pools can peak at
 * different moments, and it counts garbage not yet collected), measured from a collected heap; "live report" is
 * the heap still in use after a collection while the built report is held.
 */
public final class ReportBench {

    private static final String[] STEPS = {"plan", "implement", "implement", "implement", "review"};
    private static final String[] MODELS = {"anthropic/claude-opus-4-5", "deepseek/deepseek-chat",
            "deepseek/deepseek-chat", "deepseek/deepseek-chat", "openai/gpt-5"};
    private static final String[] LANES = {"reasoning", "execution", "execution", "execution", "reasoning"};

    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    private ReportBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("report-bench");
        System.out.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        run(10_000, dir); // warm-up
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            long[] millis = new long[3];
            long peak = 0;
            long json = 0;
            long html = 0;
            long retained = 0;
            for (int rep = 0; rep < millis.length; rep++) {
                long[] r = run(n, dir);
                millis[rep] = r[0];
                peak = Math.max(peak, r[1]);
                json = r[2];
                html = r[3];
                retained = Math.max(retained, r[4]);
            }
            Arrays.sort(millis);
            System.out.printf("%,8d attempts: median %,6d ms (min %,d, max %,d), peak heap %,4d MB, "
                    + "live report %,3d MB, cost.json %,d KB, report.html %,d KB%n", n, millis[1], millis[0],
                    millis[2], peak >> 20, retained >> 20, json >> 10, html >> 10);
        }
    }

    /** Time, heap peak, and the two files' sizes for one build of {@code n} attempts. */
    private static long[] run(int n, Path dir) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();

        CostReportBuilder builder = new CostReportBuilder()
                .runInfo("bench-" + n, "benchmark " + n, null, null)
                .counterfactual(new Counterfactual(MODELS[0], SampleRun.OPUS_PRICE))
                .budgets(List.of(new BudgetLine("build \"bench#1\"", "BUILD", new BigDecimal("10000"), null, null,
                        false)));
        int i = 0;
        for (int call = 0; i < n; call++) {
            // Every seventh call fails once with a 503 before its retry succeeds.
            boolean retried = call % 7 == 3 && i + 1 < n;
            if (retried) {
                builder.add(attempt(i++, call, 1, false));
            }
            builder.add(attempt(i++, call, retried ? 2 : 1, true));
        }
        CostReport report = builder.build();
        Path json = dir.resolve("cost-" + n + ".json");
        Path html = dir.resolve("report-" + n + ".html");
        new CostJsonWriter().write(report, json);
        new HtmlReportWriter().write(report, html);

        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long retained = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        Reference.reachabilityFence(report);
        return new long[] {millis, peak, Files.size(json), Files.size(html), retained};
    }

    private static ReportCall attempt(int i, int call, int attempt, boolean succeeded) {
        int kind = call % STEPS.length;
        boolean implement = kind >= 1 && kind <= 3;
        Usage usage = !succeeded ? Usage.ZERO
                : new Usage(2_000 + call % 5_000, implement ? 10_000 + call % 3_000 : 0, kind == 0 ? 3_000 : 0, 0,
                        500 + call % 2_000, implement ? 0 : 1_200);
        BigDecimal cost = kind == 0 ? SampleRun.OPUS_PRICE.apply(usage)
                : kind == 4 ? SampleRun.GPT5_PRICE.apply(usage) : SampleRun.DEEPSEEK_PRICE.apply(usage);
        return new ReportCall(i + 1L, T0.plusMillis(i * 1_500L), "call-" + call, attempt, STEPS[kind], LANES[kind],
                MODELS[kind], null, succeeded ? "SUCCEEDED" : "RETRYING", usage, cost, 800 + i % 40_000,
                implement ? 1 + call % 3 : null,
                succeeded ? null : "deepseek/deepseek-chat: HTTP 503: Server overloaded", "rule " + STEPS[kind]);
    }
}
