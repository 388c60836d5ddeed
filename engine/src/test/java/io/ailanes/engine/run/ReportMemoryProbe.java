package io.ailanes.engine.run;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditLog;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.CostReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes a synthetic audit of N lines (as a run writes it: plan, implement rounds with retries, review, a few
 * blocked edits) and builds cost.json and report.html from it the way {@code ai-lanes report} does, printing
 * one {@code PROBE} line: lines, attempts, report time, and heap figures. A main, run in a child JVM with a
 * small {@code -Xmx} by {@code ReportBoundedMemoryTest} and by the benchmarks' {@code ReportMemoryBench}:
 *
 * <pre>
 * java -Xmx256m -cp ... io.ailanes.engine.run.ReportMemoryProbe 1000000 /tmp/probe-dir
 * </pre>
 *
 * "peak" is the sum of the heap pools' peaks while the report is built and written (an upper bound: pools peak
 * at different moments, and it counts garbage not yet collected); "live" is the heap in use after a collection
 * while the built report is still held.
 */
public final class ReportMemoryProbe {

    private static final String[] STEPS = {"plan", "implement", "implement", "implement", "review"};
    private static final String[] PROVIDERS = {"anthropic", "deepseek", "deepseek", "deepseek", "openai"};
    private static final String[] MODELS = {"claude-opus-4-5", "deepseek-chat", "deepseek-chat", "deepseek-chat",
            "gpt-5"};
    private static final String[] LANES = {"reasoning", "execution", "execution", "execution", "reasoning"};
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    private ReportMemoryProbe() {}

    public static void main(String[] args) throws IOException {
        int lines = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        Path audit = dir.resolve("audit.jsonl");
        long t0 = System.nanoTime();
        if (!Files.exists(audit)) {
            write(audit, lines);
        }
        long t1 = System.nanoTime();
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t2 = System.nanoTime();
        CostReport report = AuditReports.build(audit, PriceCatalog.bundled(), null, "probe " + lines);
        AuditReports.write(report, dir);
        long t3 = System.nanoTime();
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long live = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        Reference.reachabilityFence(report);
        System.out.printf("PROBE lines=%d attempts=%d calls=%d events=%d writeMs=%d reportMs=%d peakHeapMB=%d"
                        + " liveMB=%d maxHeapMB=%d costJsonKB=%d reportHtmlKB=%d%n",
                lines, report.totals().attempts() + report.totals().outcomes().getOrDefault("REFUSED", 0L),
                report.totals().calls(), report.eventsSeen(), (t1 - t0) / 1_000_000, (t3 - t2) / 1_000_000,
                peak >> 20, live >> 20, Runtime.getRuntime().maxMemory() >> 20,
                Files.size(dir.resolve("cost.json")) >> 10, Files.size(dir.resolve("report.html")) >> 10);
        report.calls().close();
    }

    /** {@code lines} audit lines: calls of five kinds, every seventh retried after a 503, a blocked edit in 1,000. */
    static void write(Path audit, int lines) throws IOException {
        try (AuditLog log = AuditLog.open(audit, AuditMode.HASHES, Redactor.of("probe-secret-value-123"))) {
            int i = 0;
            for (int call = 0; i < lines; call++) {
                int kind = call % STEPS.length;
                if (call % 1_000 == 999) {
                    log.append(AuditEntry.builder().runId("run-probe").timestamp(T0.plusMillis(i * 1_500L))
                            .step("implement").outcome(AuditOutcome.FAILED)
                            .error("policy", null, "edit to .github/workflows/ci.yml rejected: protected path")
                            .attribute(AuditReports.EVENT, "EDIT_REJECTED").attribute(AuditReports.ROUND, "2")
                            .build());
                    i++;
                    continue;
                }
                boolean retried = call % 7 == 3 && i + 1 < lines;
                if (retried) {
                    log.append(attempt(i++, call, kind, 1, false));
                }
                log.append(attempt(i++, call, kind, retried ? 2 : 1, true));
            }
        }
    }

    private static AuditEntry attempt(int i, int call, int kind, int attempt, boolean succeeded) {
        boolean implement = kind >= 1 && kind <= 3;
        Usage usage = !succeeded ? Usage.ZERO
                : new Usage(2_000 + call % 5_000, implement ? 10_000 + call % 3_000 : 0, kind == 0 ? 3_000 : 0, 0,
                        500 + call % 2_000, implement ? 0 : 1_200);
        AuditEntry.Builder b = AuditEntry.builder().runId("run-probe").timestamp(T0.plusMillis(i * 1_500L))
                .callId("call-" + call).attempt(attempt).step(STEPS[kind]).lane(LANES[kind])
                .provider(PROVIDERS[kind]).model(MODELS[kind]).routingReason("rule " + STEPS[kind])
                .usage(usage).costUsd(succeeded ? new BigDecimal("0.00" + (1 + call % 97)) : BigDecimal.ZERO)
                .latencyMs(800 + i % 40_000).attribute(AuditReports.PREMIUM, "anthropic/claude-opus-4-5")
                .attribute(AuditReports.CAPS, "BUILD build \"probe#1\"=100000");
        if (implement) {
            b.attribute(AuditReports.ROUND, Integer.toString(1 + call % 3));
        }
        if (succeeded) {
            b.outcome(AuditOutcome.SUCCEEDED);
        } else {
            b.outcome(AuditOutcome.RETRYING).error(ErrorKind.SERVER_ERROR, 503,
                    "deepseek/deepseek-chat: HTTP 503: Server overloaded");
        }
        return b.build();
    }
}
