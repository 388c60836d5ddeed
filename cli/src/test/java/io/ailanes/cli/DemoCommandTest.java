package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.price.CostCalculator;
import io.ailanes.engine.price.PriceCatalog;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, run in-process: the whole workflow on the bundled sample project against the
 * scripted models, with real gates (javac and the sample's tests). Asserts the story, the artifacts and the numbers.
 */
class DemoCommandTest {

    @TempDir
    static Path dir;

    private static Path out;
    private static CliTestSupport.Run demo;

    @BeforeAll
    static void runTheDemo() {
        out = dir.resolve("ai-lanes");
        demo = CliTestSupport.runWithEnvironment(Map.of("PATH", System.getenv("PATH")), "demo", "--out", out.toString());
    }

    @Test
    void theDemoPassesAndTellsTheWholeStory() {
        assertThat(demo.exit()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("MODELS ARE SCRIPTED",
                "reasoning: anthropic/claude-opus-4-6 chosen",
                "execution: deepseek/deepseek-flash chosen",
                "review: anthropic/claude-sonnet-4-6 chosen",
                "implement  round 1, execution lane, deepseek/deepseek-flash: gates failed (test failed, 2/4 tests)",
                "implement  round 2, execution lane, deepseek/deepseek-flash: gates passed (test ok, 4/4 tests)",
                "           gates passed after 2 rounds; 1 file changed (+1 -1); last model deepseek/deepseek-flash",
                "review     approved by anthropic/claude-sonnet-4-6: 0 high, 0 medium, 1 low",
                "== Cost by lane", "the lanes saved", "of their input tokens came from the prompt cache",
                "BUILD      build \"demo#1\"", "of $2.00",
                out.resolve("report.html").toAbsolutePath().normalize().toString(),
                "Result: PASSED",
                "baseUrl", "credentialsId", "Ollama", "http://127.0.0.1:11434/v1");
    }

    @Test
    void theBugIsFixedByTheSecondRoundAndThePatchShowsIt() throws Exception {
        Path pager = out.resolve("demo-project/src/main/java/demo/Pager.java");
        assertThat(Files.readString(pager)).contains("return (items + size - 1) / size;").doesNotContain("items / size;");
        assertThat(Files.readString(out.resolve("changes.patch"))).contains(
                "--- a/src/main/java/demo/Pager.java", "-        return items / size;",
                "+        return (items + size - 1) / size;");
        String gates = Files.readString(out.resolve("gates.xml"));
        assertThat(gates).contains("failures=\"0\"", "<flakyFailure message=\"round 1: exit code 1\"", "exactlyFullPages",
                "pageCount(10, 5) expected 2 but was 3", "passed in round 2, after 2 runs");
        assertThat(Files.readString(out.resolve("plan.md"))).contains("src/main/java/demo/Pager.java");
        JsonNode sarif = Json.tryParse(Files.readString(out.resolve("review.sarif"))).orElseThrow();
        assertThat(sarif.at("/version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.at("/runs/0/results/0/level").asText()).isEqualTo("note");
    }

    @Test
    void everyReportedCostIsTheCatalogPriceOfTheUsageTheProviderReported() throws Exception {
        PriceCatalog catalog = PriceCatalog.bundled();
        List<AuditEntry> entries = new ArrayList<>();
        try (AuditReader reader = AuditReader.open(out.resolve("audit.jsonl"))) {
            for (Iterator<AuditEntry> it = reader.iterator(); it.hasNext(); ) {
                entries.add(it.next());
            }
        }
        assertThat(entries).extracting(AuditEntry::step).containsExactly("plan", "implement", "implement", "review");
        BigDecimal sum = BigDecimal.ZERO;
        for (AuditEntry entry : entries) {
            BigDecimal expected = CostCalculator.cost(catalog.require(entry.provider() + "/" + entry.model()), entry.usage()).total();
            assertThat(entry.costUsd()).as("cost of " + entry.callId()).isEqualByComparingTo(expected);
            assertThat(entry.costUsd()).isPositive();
            sum = sum.add(entry.costUsd());
        }
        JsonNode cost = Json.tryParse(Files.readString(out.resolve("cost.json"))).orElseThrow();
        assertThat(new BigDecimal(cost.at("/totals/costUsd").asText())).isEqualByComparingTo(sum);
        assertThat(cost.at("/totals/calls").asInt()).isEqualTo(4);
        BigDecimal lanes = BigDecimal.ZERO;
        for (JsonNode lane : cost.at("/byLane")) {
            lanes = lanes.add(new BigDecimal(lane.at("/costUsd").asText()));
        }
        assertThat(lanes).isEqualByComparingTo(sum);
        // Round 2 resends round 1's prompt as its prefix: most of its input is read from the cache.
        assertThat(entries.get(1).usage().cacheReadTokens()).isZero();
        assertThat(entries.get(2).usage().cacheReadTokens()).isPositive();
        assertThat(cost.at("/fixRounds/overall/cachedShare").asDouble()).isGreaterThan(0.5);
        // The premium comparison prices the same volumes on the reasoning lane's model: more than the lanes paid.
        assertThat(cost.at("/counterfactual/premiumModel").asText()).isEqualTo("anthropic/claude-opus-4-6");
        assertThat(new BigDecimal(cost.at("/counterfactual/savingUsd").asText())).isPositive();
        JsonNode build = null;
        for (JsonNode budget : cost.at("/budgets")) {
            build = "BUILD".equals(budget.at("/kind").asText()) ? budget : build;
        }
        assertThat(build).isNotNull();
        assertThat(new BigDecimal(build.at("/capUsd").asText())).isEqualByComparingTo("2");
        assertThat(new BigDecimal(build.at("/spentUsd").asText())).isEqualByComparingTo(sum);
        assertThat(Files.readString(out.resolve("report.html"))).contains("anthropic/claude-opus-4-6", "deepseek/deepseek-flash");
    }

    @Test
    void theAuditIsIntactAndASecondRunStartsClean() {
        assertThat(CliTestSupport.run("audit", "verify", out.resolve("audit.jsonl").toString()).exit()).isZero();

        CliTestSupport.Run again = CliTestSupport.runWithEnvironment(Map.of("PATH", System.getenv("PATH")), "demo", "--out",
                out.toString());

        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Result: PASSED");
        JsonNode cost = Json.tryParse(readQuietly(out.resolve("cost.json"))).orElseThrow();
        assertThat(cost.at("/totals/calls").asInt()).isEqualTo(4);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** WORKFLOW.md shows the demo's cost summary: it must be what the demo prints, not figures of an older catalog. */
    @Test
    void theCostSummaryQuotedInWorkflowMdIsWhatTheDemoPrints() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "WORKFLOW.md"));
        assertThat(costSection(doc)).isEqualTo(costSection(demo.out().replace("\r\n", "\n")));
    }

    private static String costSection(String text) {
        int start = text.indexOf("== Cost by lane\n");
        assertThat(start).as("a cost summary").isNotNegative();
        return text.substring(start, text.indexOf("\n\n", start));
    }
}
