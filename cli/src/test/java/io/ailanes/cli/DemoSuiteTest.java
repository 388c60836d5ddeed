package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.report.FixRounds;
import io.ailanes.engine.report.ReportCall;
import io.ailanes.engine.report.WhatIf;
import io.ailanes.engine.run.AuditReports;
import io.ailanes.engine.simulate.Alternative;
import io.ailanes.engine.simulate.RoutingSimulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ai-lanes demo --suite}, run in-process with real gates: each task's outcome from its audit, every figure of
 * the table recomputed from the audits with the engine's simulate and report APIs, and the copies of the table in
 * README.md and docs/REPORTS.md equal to what the command prints.
 */
class DemoSuiteTest {

    private static final List<String> TASKS = List.of("one-line-fix", "multi-file", "escalation", "review-only");

    @TempDir
    static Path dir;

    private static Path suite;
    private static CliTestSupport.Run run;

    @BeforeAll
    static void runTheSuite() {
        Path out = dir.resolve("ai-lanes");
        suite = out.resolve("suite");
        run = CliTestSupport.runWithEnvironment(Map.of("PATH", System.getenv("PATH")), "demo", "--suite", "--out",
                out.toString());
    }

    @Test
    void everyTaskPassesAndTheOutputSaysTheModelsAreScripted() {
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("MODELS ARE SCRIPTED", "NOT MODEL QUALITY", "not model quality",
                "(a) one-line fix       1 round(s) (1 execution), gates passed; review approve",
                "(b) multi-file change  3 round(s) (3 execution), gates passed; review approve",
                "(c) escalation         4 round(s) (3 execution, 1 reasoning), gates passed; review approve",
                "(d) review only        review anthropic/claude-sonnet-4-6: request_changes, 0 high, 2 medium, 1 low",
                "Result: PASSED");
        assertThat(run.err()).contains("[escalation] [ai-lanes] implement: 3 round(s) in the execution lane did not pass;"
                + " escalating to the reasoning lane");
    }

    @Test
    void eachTaskHasTheShapeItStandsFor() throws Exception {
        // (a) one round in the execution lane, passed at once.
        assertThat(calls("one-line-fix")).containsExactly("plan reasoning opus", "implement execution flash round 1",
                "review review sonnet");
        assertThat(Files.readString(suite.resolve("one-line-fix/project/src/main/java/shop/Money.java")))
                .contains("String.format(\"%02d\", abs % 100)");
        // (b) three files changed, a compile error, a failing boundary, then a pass: two fix rounds.
        assertThat(calls("multi-file")).containsExactly("plan reasoning opus", "implement execution flash round 1",
                "implement execution flash round 2", "implement execution flash round 3", "review review sonnet");
        assertThat(Files.readString(suite.resolve("multi-file/changes.patch"))).contains("a/src/main/java/shop/Discounts.java",
                "a/src/main/java/shop/Invoice.java", "a/src/main/java/shop/Order.java");
        assertThat(Files.readString(suite.resolve("multi-file/gates.xml"))).contains("failures=\"0\"",
                "round 1: exit code 1", "incompatible types: LineItem cannot be converted to int",
                "tenUnitsGetFivePercent", "passed in round 3");
        // (c) three rounds fail in the execution lane; the escalation lane's model passes round 4; a third family reviews.
        assertThat(calls("escalation")).containsExactly("plan reasoning opus", "implement execution flash round 1",
                "implement execution flash round 2", "implement execution flash round 3",
                "implement reasoning opus round 4 escalated from execution", "review review gpt-5.4");
        assertThat(Files.readString(suite.resolve("escalation/gates.xml"))).contains("passed in round 4",
                "remainderGoesToLargestFraction");
        // (d) one review call, no plan or implement.
        assertThat(calls("review-only")).containsExactly("review review sonnet");
        for (String task : TASKS) {
            assertThat(CliTestSupport.run("audit", "verify", suite.resolve(task + "/audit.jsonl").toString()).exit())
                    .as(task).isZero();
        }
    }

    /** Every figure of the printed table, recomputed from the audits with RoutingSimulator and the report builder. */
    @Test
    void theTableIsWhatTheEngineComputesFromEachAudit() throws Exception {
        PriceCatalog catalog = PriceCatalog.bundled();
        List<Alternative> alternatives = List.of(Alternative.parse("all-premium=anthropic/claude-opus-4-6"),
                Alternative.parse("all-cheap=deepseek/deepseek-flash"));
        List<String> printed = tableRows(run.out());
        assertThat(printed).hasSize(TASKS.size() + 1);
        BigDecimal lanes = BigDecimal.ZERO;
        BigDecimal premium = BigDecimal.ZERO;
        BigDecimal cheap = BigDecimal.ZERO;
        long fixInput = 0;
        long fixCached = 0;
        Map<String, Usage> byLane = new java.util.TreeMap<>();
        for (int i = 0; i < TASKS.size(); i++) {
            Path audit = suite.resolve(TASKS.get(i) + "/audit.jsonl");
            WhatIf whatIf = RoutingSimulator.load(List.of(audit)).simulate(alternatives, catalog, "test", List.of());
            CostReport report = AuditReports.build(audit, catalog, null, "test");
            assertThat(whatIf.paidUsd()).isEqualByComparingTo(report.totals().costUsd());
            // The all-premium comparison of the run's own report agrees with the simulator's all-premium.
            assertThat(report.counterfactual().premiumUsd()).isEqualByComparingTo(whatIf.alternatives().get(0).totalUsd());
            FixRounds.RoundShare fix = report.fixRounds() == null ? null : report.fixRounds().overall();
            for (ReportCall call : report.calls()) {
                if (call.round() != null && call.round() >= 2) {
                    byLane.merge(call.lane(), call.usage(), Usage::plus);
                }
            }
            long input = fix == null ? 0 : fix.totalInputTokens();
            long cached = fix == null ? 0 : fix.cacheReadTokens();
            assertThat(moneyCells(printed.get(i))).as(printed.get(i)).isEqualTo(expected(whatIf.paidUsd(),
                    whatIf.alternatives().get(0).totalUsd(), whatIf.alternatives().get(1).totalUsd(), input, cached));
            lanes = lanes.add(whatIf.paidUsd());
            premium = premium.add(whatIf.alternatives().get(0).totalUsd());
            cheap = cheap.add(whatIf.alternatives().get(1).totalUsd());
            fixInput += input;
            fixCached += cached;
        }
        assertThat(moneyCells(printed.get(TASKS.size()))).as(printed.get(TASKS.size()))
                .isEqualTo(expected(lanes, premium, cheap, fixInput, fixCached));
        assertThat(printed.get(0)).matches("\\(a\\) one-line fix +1 +0  passed .*");
        assertThat(printed.get(1)).matches("\\(b\\) multi-file change +3 +0  passed .*");
        assertThat(printed.get(2)).matches("\\(c\\) escalation +4 +1  passed .*");
        assertThat(printed.get(3)).matches("\\(d\\) review only +0 +0  passed .*");
        assertThat(printed.get(4)).matches("total +8 +1  4/4 passed .*");
        // The fix rounds by lane: the execution lane's read from DeepSeek's cache, the escalation's first call writes.
        Usage execution = byLane.get("execution");
        Usage escalation = byLane.get("reasoning");
        assertThat(execution.cacheReadTokens() + escalation.cacheReadTokens()).isEqualTo(fixCached);
        assertThat(escalation.cacheReadTokens()).isZero();
        assertThat(escalation.cacheWriteTokens()).isPositive();
        assertThat(run.out()).contains("fix-round input from cache by lane: execution lane "
                + BigDecimal.valueOf(execution.cacheReadTokens() * 100)
                        .divide(BigDecimal.valueOf(execution.totalInputTokens()), 1, RoundingMode.HALF_EVEN).toPlainString()
                + "% of " + String.format(Locale.ROOT, "%,d", execution.totalInputTokens()) + "; reasoning lane 0.0% of "
                + String.format(Locale.ROOT, "%,d", escalation.totalInputTokens()) + " ("
                + String.format(Locale.ROOT, "%,d", escalation.cacheWriteTokens()) + " written to its cache).");
        // The lanes cost less than all-premium and more than all-cheap, task by task and in total.
        assertThat(lanes).isLessThan(premium).isGreaterThan(cheap);
    }

    /** The money, percentage and cache cells of a row, as the command formats them. */
    private static List<String> expected(BigDecimal lanes, BigDecimal premium, BigDecimal cheap, long fixInput,
            long fixCached) {
        BigDecimal saving = lanes.subtract(premium).multiply(BigDecimal.valueOf(100)).divide(premium, 1, RoundingMode.HALF_EVEN);
        String cache = fixInput == 0 ? "no fix round"
                : BigDecimal.valueOf(fixCached * 100).divide(BigDecimal.valueOf(fixInput), 1, RoundingMode.HALF_EVEN)
                        .toPlainString() + "% of " + String.format(Locale.ROOT, "%,d", fixInput);
        return List.of(Money.usd(lanes), Money.usd(premium), saving.toPlainString() + "%", Money.usd(cheap), cache);
    }

    /** README.md and REPORTS.md quote the table: it must be what the suite prints, not figures of an older catalog. */
    @Test
    void theTableQuotedInTheReadmeAndReportsMdIsWhatTheSuitePrints() throws Exception {
        String table = table(run.out().replace("\r\n", "\n"));
        assertThat(table(Files.readString(Path.of("..", "README.md")))).as("README.md").isEqualTo(table);
        assertThat(table(Files.readString(Path.of("..", "docs", "REPORTS.md")))).as("docs/REPORTS.md").isEqualTo(table);
    }

    private static String table(String text) {
        int start = text.indexOf(DemoSuite.HEADER);
        assertThat(start).as("the suite's table").isNotNegative();
        int end = text.indexOf('\n', text.indexOf("Costs by RoutingSimulator", start));
        return text.substring(start, end);
    }

    /** The task and total rows as printed. */
    private static List<String> tableRows(String out) {
        List<String> rows = new ArrayList<>();
        for (String line : table(out).split("\n")) {
            if (line.startsWith("(") || line.startsWith("total")) {
                rows.add(line);
            }
        }
        return rows;
    }

    /** A row's cells from its first amount on: lanes, all-premium, lanes vs, all-cheap, the cache cell. */
    private static List<String> moneyCells(String row) {
        String[] t = row.substring(row.indexOf('$')).trim().split("\\s+", 5);
        return List.of(t);
    }

    private static List<String> calls(String task) throws Exception {
        List<String> calls = new ArrayList<>();
        try (AuditReader reader = AuditReader.open(suite.resolve(task + "/audit.jsonl"))) {
            for (AuditEntry e : reader) {
                String model = e.model().replace("claude-opus-4-6", "opus").replace("claude-sonnet-4-6", "sonnet")
                        .replace("deepseek-flash", "flash");
                String round = e.attributes().get(AuditReports.ROUND);
                String from = e.attributes().get(AuditReports.ESCALATED_FROM);
                calls.add(e.step() + " " + e.lane() + " " + model + (round == null ? "" : " round " + round)
                        + (from == null ? "" : " escalated from " + from));
            }
        }
        return calls;
    }
}
