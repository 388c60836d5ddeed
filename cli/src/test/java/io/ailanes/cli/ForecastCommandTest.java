package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.cli.demo.EchoScript;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditLog;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.TokenPrices;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.modelserver.ModelServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ai-lanes forecast} on archived builds' audits, and {@code --history} warning about a low {@code --budget}. */
class ForecastCommandTest {

    @TempDir
    Path dir;

    /** Build i on deepseek/deepseek-chat: i hundred thousand input tokens and 10,000 output tokens. */
    private static Usage usage(int i) {
        return new Usage(100_000L * i, 0, 0, 0, 10_000, 0);
    }

    /** usage(i) at the catalog's per-token prices, computed here. */
    private static BigDecimal cost(int i) {
        TokenPrices p = PriceCatalog.bundled().require("deepseek/deepseek-chat").prices();
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        return p.input().multiply(BigDecimal.valueOf(100_000L * i)).divide(million)
                .add(p.output().multiply(BigDecimal.valueOf(10_000)).divide(million));
    }

    private Path history(int builds) throws IOException {
        Path jobs = dir.resolve("jobs/app/builds");
        for (int i = 1; i <= builds; i++) {
            Path audit = jobs.resolve(Integer.toString(i)).resolve("archive/ai-lanes/audit.jsonl");
            Files.createDirectories(audit.getParent());
            try (AuditLog log = AuditLog.open(audit, AuditMode.HASHES, Redactor.PATTERNS_ONLY)) {
                log.append(AuditEntry.builder().timestamp(Instant.parse("2026-02-01T00:00:00Z").plusSeconds(3600L * i))
                        .runId("app#" + i).callId("c" + i).step("implement").lane("execution")
                        .provider("deepseek").model("deepseek-chat").outcome(AuditOutcome.SUCCEEDED)
                        .usage(usage(i)).costUsd(new BigDecimal("1")).prompt("p").response("r").build());
            }
        }
        return jobs;
    }

    @Test
    void forecastsFromArchivedBuildsAndWritesJson() throws Exception {
        Path jobs = history(22);
        Path json = dir.resolve("forecast.json");

        // Build 22's audit named a second time, as a file: still one build.
        var run = CliTestSupport.run("forecast", jobs.toString(), jobs.resolve("22/archive/ai-lanes/audit.jsonl").toString(),
                "--last", "20", "--json", json.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        // Builds 3..22 (the newest 20): p50 is rank 10 (build 12), p95 rank 19 (build 21).
        assertThat(run.out()).contains("from 20 past builds", "implement", "execution", "20 builds");
        var node = Json.tryParse(Files.readString(json)).orElseThrow();
        assertThat(new BigDecimal(node.at("/total/p50Usd").asText())).isEqualByComparingTo(cost(12));
        assertThat(new BigDecimal(node.at("/total/p95Usd").asText())).isEqualByComparingTo(cost(21));
        assertThat(node.at("/byStep/0/step").asText()).isEqualTo("implement");
        assertThat(node.at("/builds/0/runId").asText()).isEqualTo("app#3");
        assertThat(node.get("leftOut")).isEmpty();
    }

    @Test
    void saysWhenThereIsNotEnoughHistoryAndNamesATamperedAudit() throws Exception {
        Path jobs = history(5);
        Path tampered = jobs.resolve("2/archive/ai-lanes/audit.jsonl");
        List<String> lines = Files.readAllLines(tampered, StandardCharsets.UTF_8);
        Files.writeString(tampered, lines.get(0).replace("\"input\":200000", "\"input\":2000") + "\n");

        var run = CliTestSupport.run("forecast", jobs.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("not enough history: 4 builds, need 5", "left out (1):",
                tampered + ": does not verify: line 1 was edited");
    }

    @Test
    void aModelWithoutAPriceStopsTheForecastNamingIt() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(audit, AuditMode.HASHES, Redactor.PATTERNS_ONLY)) {
            log.append(AuditEntry.builder().runId("x").step("call").lane("l").provider("acme").model("mystery")
                    .outcome(AuditOutcome.SUCCEEDED).usage(new Usage(10, 0, 0, 0, 1, 0)).build());
        }
        var run = CliTestSupport.run("forecast", audit.toString());
        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("no price for \"acme/mystery\"");

        assertThat(CliTestSupport.run("forecast", dir.resolve("missing").toString()).err())
                .contains("no audit file or folder at");
    }

    @Test
    void aBudgetBelowTheHistorysP95IsWarnedAboutOnStderr() throws Exception {
        Path jobs = history(20);
        try (ModelServer provider = ModelServer.start(0, new EchoScript())) {
            Path config = dir.resolve("ai-lanes.yaml");
            Files.writeString(config, "providers:\n  - id: deepseek\n    kind: openai\n    baseUrl: "
                    + provider.openAiBaseUrl() + "\n");
            String[] common = {"call", "--provider-config", config.toString(), "--model", "deepseek/deepseek-chat",
                "--out", dir.resolve("out").toString(), "--ledger", dir.resolve("ledger.jsonl").toString(),
                "--history", jobs.toString(), "--json", "hello"};

            var low = CliTestSupport.run(concat(common, "--budget", "0.25"));
            assertThat(low.exit()).as(low.err()).isZero();
            assertThat(low.err()).contains("[ai-lanes] warning: --budget $0.25 is below this job's p95 of "
                    + io.ailanes.engine.budget.Usd.readable(cost(19)) + " per build (p50 "
                    + io.ailanes.engine.budget.Usd.readable(cost(10)) + ", from 20 builds at today's prices)");

            var enough = CliTestSupport.run(concat(common, "--budget", "5"));
            assertThat(enough.exit()).as(enough.err()).isZero();
            assertThat(enough.err()).doesNotContain("warning:");

            Path shortHistory = jobs.resolve("1");
            common[common.length - 3] = shortHistory.toString();
            var tooShort = CliTestSupport.run(concat(common, "--budget", "0.01"));
            assertThat(tooShort.err()).contains("[ai-lanes] no p95 to check --budget against in " + shortHistory
                    + ": not enough history: 1 build, need 20");
        }
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
