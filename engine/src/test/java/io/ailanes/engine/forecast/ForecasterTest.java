package io.ailanes.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditLog;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.TokenPrices;
import io.ailanes.engine.price.UnknownPriceException;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.redact.Redactor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecasterTest {

    static final String OPUS = "anthropic/claude-opus-4-5";
    static final String DEEPSEEK = "deepseek/deepseek-chat";
    static final PriceCatalog CATALOG = PriceCatalog.bundled();

    @TempDir
    Path dir;

    // --- the usages each build records, and their cost recomputed here from the catalog's per-token prices ---

    static Usage planUsage(int i) {
        return new Usage(1000L * i, 2000, 400, 0, 100L * i, 0);
    }

    static Usage implementUsage(int i) {
        return new Usage(5000, 20000L * i, 0, 0, 800, 0);
    }

    /** Tokens times USD per million, divided by a million: written out here, not taken from CostCalculator. */
    static BigDecimal perToken(long tokens, BigDecimal perMillion) {
        return perMillion.divide(BigDecimal.valueOf(1_000_000)).multiply(BigDecimal.valueOf(tokens));
    }

    static BigDecimal independent(String ref, Usage u) {
        TokenPrices p = CATALOG.require(ref).prices();
        assertThat(CATALOG.require(ref).tiers()).as("the test's models have one tier").isEmpty();
        return perToken(u.inputTokens(), p.input())
                .add(perToken(u.cacheReadTokens(), p.cacheRead()))
                .add(perToken(u.cacheWriteTokens(), p.cacheWrite()))
                .add(perToken(u.outputTokens(), p.output()));
    }

    static BigDecimal buildCost(int i) {
        return independent(OPUS, planUsage(i)).add(independent(DEEPSEEK, implementUsage(i)));
    }

    static AuditEntry attempt(int i, String step, String lane, String ref, Usage usage, int minute) {
        int slash = ref.indexOf('/');
        return AuditEntry.builder()
                .timestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * i + 60L * minute))
                .runId("job#" + i).callId(step + "-" + i).step(step).lane(lane)
                .provider(ref.substring(0, slash)).model(ref.substring(slash + 1))
                .outcome(AuditOutcome.SUCCEEDED).usage(usage)
                .costUsd(new BigDecimal("9.99")) // what it cost at the day's prices: not today's
                .prompt("p").response("r").build();
    }

    /** Build i: a plan on Opus, an implement on DeepSeek, each cost increasing with i. */
    Path build(int i, AuditEntry... extra) throws IOException {
        Path file = dir.resolve("builds").resolve(Integer.toString(i)).resolve("archive/ai-lanes/audit.jsonl");
        Files.createDirectories(file.getParent());
        try (AuditLog log = AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY)) {
            log.append(attempt(i, "plan", "reasoning", OPUS, planUsage(i), 0));
            log.append(attempt(i, "implement", "execution", DEEPSEEK, implementUsage(i), 1));
            for (AuditEntry entry : extra) {
                log.append(entry);
            }
        }
        return file;
    }

    List<AuditFile> builds(int from, int to) throws IOException {
        List<AuditFile> files = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            files.add(AuditFile.of(build(i)));
        }
        Collections.shuffle(files, new Random(7)); // the order given does not matter: time does
        return files;
    }

    @Test
    void nearestRankIsTheTextbookDefinition() {
        // The worked example of the nearest-rank method: 15, 20, 35, 40, 50.
        List<BigDecimal> values = List.of(bd("50"), bd("15"), bd("40"), bd("20"), bd("35"));
        assertThat(Quantiles.nearestRank(values, 5)).isEqualByComparingTo("15");
        assertThat(Quantiles.nearestRank(values, 30)).isEqualByComparingTo("20");
        assertThat(Quantiles.nearestRank(values, 40)).isEqualByComparingTo("20");
        assertThat(Quantiles.nearestRank(values, 50)).isEqualByComparingTo("35");
        assertThat(Quantiles.nearestRank(values, 100)).isEqualByComparingTo("50");
        assertThat(Quantiles.rank(95, 19)).isEqualTo(19); // p95 of fewer than 20 is the maximum
        assertThat(Quantiles.rank(95, 20)).isEqualTo(19);
        assertThat(Quantiles.rank(50, 25)).isEqualTo(13);
        assertThat(Quantiles.rank(95, 25)).isEqualTo(24);
    }

    @Test
    void repricesEachBuildsUsageAtTodaysPricesAndTakesNearestRanks() throws IOException {
        assertThat(independent(OPUS, new Usage(10_000, 20_000, 1_000, 0, 2_000, 0)))
                .as("5, 0.5, 6.25 and 25 USD per million").isEqualByComparingTo("0.11625");

        Forecast forecast = Forecaster.forecast(builds(1, 25), CATALOG, 0);

        assertThat(forecast.builds()).hasSize(25);
        for (PastBuild build : forecast.builds()) {
            int i = Integer.parseInt(build.runId().substring(4));
            assertThat(build.costUsd()).as(build.name()).isEqualByComparingTo(buildCost(i));
            assertThat(build.recordedUsd()).isEqualByComparingTo("19.98");
            assertThat(build.byStep().get("plan")).isEqualByComparingTo(independent(OPUS, planUsage(i)));
            assertThat(build.byLane().get("execution")).isEqualByComparingTo(independent(DEEPSEEK, implementUsage(i)));
        }
        assertThat(forecast.builds()).extracting(PastBuild::runId).startsWith("job#1", "job#2").endsWith("job#25");
        // Costs rise with i: with 25 builds, p50 is rank 13 and p95 rank 24.
        assertThat(forecast.total().builds()).isEqualTo(25);
        assertThat(forecast.total().p50()).isEqualByComparingTo(buildCost(13));
        assertThat(forecast.total().p95()).isEqualByComparingTo(buildCost(24));
        assertThat(forecast.byStep().keySet()).containsExactly("plan", "implement");
        assertThat(forecast.byStep().get("plan").p95()).isEqualByComparingTo(independent(OPUS, planUsage(24)));
        assertThat(forecast.byLane().get("execution").p50()).isEqualByComparingTo(independent(DEEPSEEK, implementUsage(13)));
        assertThat(forecast.pricesAsOf()).isEqualTo(CATALOG.date());
        assertThat(forecast.leftOut()).isEmpty();
    }

    @Test
    void lastKeepsTheNewestBuildsByTime() throws IOException {
        Forecast forecast = Forecaster.forecast(builds(1, 25), CATALOG, 20);
        assertThat(forecast.builds()).extracting(PastBuild::runId).first().isEqualTo("job#6");
        // Builds 6..25: p50 is rank 10 (build 15), p95 rank 19 (build 24).
        assertThat(forecast.total().p50()).isEqualByComparingTo(buildCost(15));
        assertThat(forecast.total().p95()).isEqualByComparingTo(buildCost(24));
    }

    @Test
    void tooLittleHistorySaysSoInsteadOfGuessing() throws IOException {
        Forecast four = Forecaster.forecast(builds(1, 4), CATALOG, 0);
        assertThat(four.total().p50()).isNull();
        assertThat(four.total().p95()).isNull();
        assertThat(four.total().text()).isEqualTo("not enough history: 4 builds, need 5");
        assertThat(four.budgetWarning("--budget", bd("0.0001"))).isEmpty();

        Forecast nineteen = Forecaster.forecast(builds(1, 19), CATALOG, 0);
        assertThat(nineteen.total().p50()).isEqualByComparingTo(buildCost(10));
        assertThat(nineteen.total().p95()).isNull();
        assertThat(nineteen.total().p95Text()).isEqualTo("not enough history: 19 builds, need 20");
        assertThat(nineteen.total().text()).isEqualTo("p50 " + io.ailanes.engine.budget.Usd.readable(buildCost(10))
                + " (19 builds); p95: not enough history: 19 builds, need 20");
        assertThat(String.join("\n", ForecastText.lines(nineteen))).contains("not enough history: 19 builds, need 20");
        assertThat(Forecaster.forecast(List.of(), CATALOG, 0).total().text())
                .isEqualTo("not enough history: 0 builds, need 5");
    }

    @Test
    void aStepSeenInFewBuildsHasItsOwnCount() throws IOException {
        List<AuditFile> files = new ArrayList<>(builds(1, 20));
        for (int i = 21; i <= 23; i++) {
            files.add(AuditFile.of(build(i, attempt(i, "review", "review", OPUS, new Usage(100, 0, 0, 0, 10, 0), 2))));
        }
        Forecast forecast = Forecaster.forecast(files, CATALOG, 0);
        assertThat(forecast.total().builds()).isEqualTo(23);
        assertThat(forecast.byStep().get("review").builds()).isEqualTo(3);
        assertThat(forecast.byStep().get("review").text()).isEqualTo("not enough history: 3 builds, need 5");
        assertThat(forecast.byStep().get("plan").builds()).isEqualTo(23);
    }

    @Test
    void tamperedAuditsAreLeftOutAndNamed() throws IOException {
        List<AuditFile> files = new ArrayList<>(builds(1, 21));
        Path tampered = dir.resolve("builds/7/archive/ai-lanes/audit.jsonl");
        List<String> lines = Files.readAllLines(tampered, StandardCharsets.UTF_8);
        // A cheaper history: someone lowers a line's token count without being able to re-hash it.
        lines.set(0, lines.get(0).replace("\"output\":700", "\"output\":7"));
        assertThat(lines.get(0)).contains("\"output\":7,");
        Files.writeString(tampered, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        Forecast forecast = Forecaster.forecast(files, CATALOG, 0);

        assertThat(forecast.builds()).hasSize(20).extracting(PastBuild::runId).doesNotContain("job#7");
        assertThat(forecast.leftOut()).singleElement().satisfies(left -> {
            assertThat(left.name()).isEqualTo(tampered.toString());
            assertThat(left.reason()).startsWith("does not verify: line 1 was edited");
        });
        assertThat(String.join("\n", ForecastText.lines(forecast))).contains("left out (1):", tampered.toString());
    }

    @Test
    void aModelWithoutAPriceFailsClosedNamingIt() throws IOException {
        List<AuditFile> files = new ArrayList<>(builds(1, 5));
        files.add(AuditFile.of(build(6, attempt(6, "call", "execution", "acme/mystery-model",
                new Usage(100, 0, 0, 0, 10, 0), 3))));
        assertThatThrownBy(() -> Forecaster.forecast(files, CATALOG, 0))
                .isInstanceOf(UnknownPriceException.class)
                .hasMessageContaining("acme/mystery-model");
    }

    @Test
    void aCallStoppedWithTheHostKeepsItsRecordedCostAndEventsAreNotCalls() throws IOException {
        AuditEntry interrupted = AuditEntry.builder().timestamp(Instant.parse("2026-01-02T00:05:00Z"))
                .runId("job#1").callId("c").step("implement").lane("execution").outcome(AuditOutcome.FAILED)
                .error("INTERRUPTED", null, "the host stopped").costUsd(bd("0.5")).reservedUsd(bd("0.5")).build();
        AuditEntry event = AuditEntry.builder().timestamp(Instant.parse("2026-01-02T00:06:00Z"))
                .runId("job#1").step("implement").outcome(AuditOutcome.REFUSED)
                .error("EDIT_REJECTED", null, "protected path").attribute("event", "EDIT_REJECTED").build();
        PastBuild build = Forecaster.reprice(AuditFile.of(build(1, interrupted, event)), CATALOG);
        assertThat(build.attempts()).isEqualTo(3);
        assertThat(build.costUsd()).isEqualByComparingTo(buildCost(1).add(bd("0.5")));
    }

    @Test
    void warnsWhenACapIsBelowP95NamingBothFigures() throws IOException {
        Forecast forecast = Forecaster.forecast(builds(1, 20), CATALOG, 0);
        BigDecimal p95 = buildCost(19);
        assertThat(forecast.total().p95()).isEqualByComparingTo(p95);
        assertThat(forecast.budgetWarning("--budget", p95)).isEmpty();
        String warning = forecast.budgetWarning("--budget", bd("0.05")).orElseThrow();
        assertThat(warning).startsWith("--budget $0.05 is below this job's p95 of "
                + io.ailanes.engine.budget.Usd.readable(p95) + " per build (p50 "
                + io.ailanes.engine.budget.Usd.readable(buildCost(10)) + ", from 20 builds at today's prices)");
    }

    @Test
    void jsonHasExactAmountsAndNullsWhereHistoryIsShort() throws IOException {
        Forecast forecast = Forecaster.forecast(builds(1, 6), CATALOG, 0);
        JsonNode json = ForecastText.json(forecast);
        assertThat(json.get("schema").asText()).isEqualTo("ai-lanes/forecast/v1");
        assertThat(json.get("quantiles").asText()).isEqualTo("nearest-rank");
        assertThat(new BigDecimal(json.at("/total/p50Usd").asText())).isEqualByComparingTo(buildCost(3));
        assertThat(json.at("/total/p95Usd").isNull()).isTrue();
        assertThat(json.at("/total/note").asText()).isEqualTo("not enough history: 6 builds, need 20");
        assertThat(json.at("/byStep/0/step").asText()).isEqualTo("plan");
        assertThat(json.get("builds")).hasSize(6);
    }

    @Test
    void findsEveryAuditUnderAFolder() throws IOException {
        build(1);
        build(2);
        assertThat(Forecaster.find(dir)).hasSize(2);
        assertThat(Forecaster.find(build(3))).hasSize(1);
        assertThatThrownBy(() -> Forecaster.find(dir.resolve("nope"))).hasMessageContaining("no audit file or folder");
    }

    private static BigDecimal bd(String text) {
        return new BigDecimal(text);
    }
}
