package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.cli.demo.EchoScript;
import io.ailanes.engine.json.Json;
import io.ailanes.modelserver.ModelServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ai-lanes audit verify} and {@code ai-lanes report} on an audit a real run wrote. */
class AuditAndReportCommandTest {

    @TempDir
    Path dir;

    private Path runTwoCalls() throws Exception {
        try (ModelServer provider = ModelServer.start(0, new EchoScript())) {
            Path config = dir.resolve("ai-lanes.yaml");
            Files.writeString(config, "providers:\n  - id: deepseek\n    kind: openai\n    baseUrl: "
                    + provider.openAiBaseUrl() + "\n");
            for (String prompt : List.of("first", "second")) {
                var run = CliTestSupport.run("call", "--provider-config", config.toString(), "--model",
                        "deepseek/deepseek-chat", "--out", dir.resolve("out").toString(), "--ledger",
                        dir.resolve("ledger.jsonl").toString(), "--budget", "1", "--json", prompt);
                assertThat(run.exit()).as(run.err()).isZero();
            }
        }
        return dir.resolve("out").resolve("audit.jsonl");
    }

    @Test
    void verifyPassesAnIntactAuditAndNamesTheEditedLine() throws Exception {
        Path audit = runTwoCalls();

        var intact = CliTestSupport.run("audit", "verify", audit.toString());
        assertThat(intact.exit()).isZero();
        assertThat(intact.out()).contains("intact, 2 lines");

        List<String> lines = new ArrayList<>(Files.readAllLines(audit));
        lines.set(0, lines.get(0).replaceFirst("\"latencyMs\":(\\d+)", "\"latencyMs\":9$1"));
        Files.write(audit, lines);
        var tampered = CliTestSupport.run("audit", "verify", audit.toString());
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.out()).contains("NOT intact", "line 1");
    }

    @Test
    void reportRebuildsCostJsonAndHtmlFromTheAuditAlone() throws Exception {
        Path audit = runTwoCalls();
        BigDecimal original = new BigDecimal(Json.tryParse(Files.readString(dir.resolve("out/cost.json"))).orElseThrow()
                .at("/totals/costUsd").asText());
        Path rebuilt = dir.resolve("rebuilt");

        var run = CliTestSupport.run("report", audit.toString(), "--out", rebuilt.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        var cost = Json.tryParse(Files.readString(rebuilt.resolve("cost.json"))).orElseThrow();
        assertThat(new BigDecimal(cost.at("/totals/costUsd").asText())).isEqualByComparingTo(original).isPositive();
        assertThat(cost.at("/totals/attempts").asLong()).isEqualTo(2);
        // Two runs (two CLI calls), each with its own $1 build cap: each build line shows its own call only.
        var budgets = cost.path("budgets");
        assertThat(budgets).hasSize(2);
        BigDecimal first = new BigDecimal(budgets.get(0).path("spentUsd").asText());
        BigDecimal second = new BigDecimal(budgets.get(1).path("spentUsd").asText());
        assertThat(first.add(second)).isEqualByComparingTo(original);
        assertThat(first).isPositive().isLessThan(original);
        assertThat(Files.readString(rebuilt.resolve("report.html"))).contains("deepseek/deepseek-chat");
    }

    @Test
    void aReportFromAnEditedAuditIsRefusedUnlessAskedForAndThenMarked() throws Exception {
        Path audit = runTwoCalls();
        List<String> lines = new ArrayList<>(Files.readAllLines(audit));
        lines.set(1, lines.get(1).replaceFirst("\"output\":(\\d+)", "\"output\":5$1"));
        Files.write(audit, lines);
        Path rebuilt = dir.resolve("rebuilt");

        var refused = CliTestSupport.run("report", audit.toString(), "--out", rebuilt.toString());
        var marked = CliTestSupport.run("report", audit.toString(), "--out", rebuilt.toString(), "--allow-unverified");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("NOT intact", "line 2", "No report written", "--allow-unverified");
        assertThat(marked.exit()).as(marked.err()).isZero();
        assertThat(marked.err()).contains("NOT intact");
        assertThat(Files.readString(rebuilt.resolve("report.html"))).contains("NOT VERIFIED: AI Lanes cost report");
        assertThat(Files.readString(rebuilt.resolve("cost.json"))).contains("NOT VERIFIED");
    }

    @Test
    void reportOfAMissingFileIsAUsageError() {
        var run = CliTestSupport.run("report", dir.resolve("nope.jsonl").toString());
        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("no audit log at");
    }

    /** A malformed audit is an input error (exit 2, the file and line named), not an unexpected failure (1). */
    @Test
    void aMalformedAuditIsAUsageErrorNamingTheLine() throws Exception {
        Path audit = runTwoCalls();
        Files.writeString(audit, Files.readString(audit) + "not json at all\n");

        var run = CliTestSupport.run("report", audit.toString(), "--out", dir.resolve("again").toString(),
                "--allow-unverified");

        assertThat(run.exit()).as(run.err()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("audit.jsonl line 3").doesNotContain("Exception", "\tat ");
    }
}
