package io.ailanes.cli;

import static io.ailanes.engine.simulate.SimulationFixture.OPUS;
import static io.ailanes.engine.simulate.SimulationFixture.attempts;
import static io.ailanes.engine.simulate.SimulationFixture.handTotal;
import static io.ailanes.engine.simulate.SimulationFixture.paid;
import static io.ailanes.engine.simulate.SimulationFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.simulate.SimulationFixture.Attempt;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ai-lanes simulate} end to end on audits written with the engine's audit writer; totals checked against
 * the hand computation from catalog.json (SimulationFixture), not against the simulator's own code.
 */
class SimulateCommandTest {

    private static final String NANO = "openai/gpt-5-nano";

    @TempDir
    Path dir;

    @Test
    void aFolderOfBuildsIsSimulatedPrintedWrittenAsJsonAndIntoTheReports() throws Exception {
        List<Attempt> attempts = attempts(true);
        write(dir.resolve("builds/41/audit.jsonl"), attempts);
        write(dir.resolve("builds/42/audit.jsonl"), attempts);
        Path json = dir.resolve("whatif.json");
        Path out = dir.resolve("reports");

        var run = CliTestSupport.run("simulate", dir.resolve("builds").toString(), "--routing", "all-premium",
                "--routing", "all-cheap=" + NANO, "--routing", "escalation=off", "--json", json.toString(),
                "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        BigDecimal paid = paid(attempts, a -> true).multiply(BigDecimal.valueOf(2));
        BigDecimal premium = handTotal(attempts, a -> OPUS, a -> true).multiply(BigDecimal.valueOf(2));
        BigDecimal nano = handTotal(attempts, a -> NANO, a -> true).multiply(BigDecimal.valueOf(2));
        assertThat(run.out()).contains("2 audit(s), 10 billed attempts. Paid " + Money.usd(paid)
                + " (recorded costs; prices as of 2026-01-15).",
                "all-premium=" + OPUS + ": " + Money.usd(premium),
                "all-cheap=" + NANO + ": " + Money.usd(nano) + ", -" + Money.usd(paid.subtract(nano)),
                "[tokens] [cache] [reasoning]", "[reasoning] Reasoning tokens kept", "[escalation] Escalation off");

        JsonNode w = Json.MAPPER.readTree(json.toFile());
        assertThat(new BigDecimal(w.path("paidUsd").asText())).isEqualByComparingTo(paid);
        assertThat(new BigDecimal(w.at("/alternatives/0/totalUsd").asText())).isEqualByComparingTo(premium);
        assertThat(new BigDecimal(w.at("/alternatives/1/totalUsd").asText())).isEqualByComparingTo(nano);
        assertThat(w.path("sources")).hasSize(2);

        // One report per build, each with its own What-if section, valid against the published schema.
        for (String build : List.of("41", "42")) {
            JsonNode cost = Json.MAPPER.readTree(out.resolve(build).resolve("cost.json").toFile());
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(SchemaLocation.of(Path.of("..", "docs", "cost.schema.json").toUri().toString()))
                    .validate(cost)).isEmpty();
            assertThat(new BigDecimal(cost.at("/whatIf/alternatives/0/totalUsd").asText()))
                    .isEqualByComparingTo(premium.divide(BigDecimal.valueOf(2)));
            assertThat(Files.readString(out.resolve(build).resolve("report.html")))
                    .contains("<h2>What if</h2>", "all-cheap=" + NANO);
        }
    }

    @Test
    void aTamperedAuditIsRefusedUnlessAllowedAndThenMarked() throws Exception {
        Path audit = write(dir.resolve("b/audit.jsonl"), attempts(true));
        List<String> lines = new ArrayList<>(Files.readAllLines(audit));
        lines.set(1, lines.get(1).replaceFirst("\"latencyMs\":(\\d+)", "\"latencyMs\":9$1"));
        Files.write(audit, lines);

        var refused = CliTestSupport.run("simulate", audit.toString(), "--routing", "all-premium");
        var marked = CliTestSupport.run("simulate", audit.toString(), "--routing", "all-premium", "--allow-unverified",
                "--out", dir.resolve("r").toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("NOT intact", "line 2", "Nothing simulated", "--allow-unverified");
        assertThat(refused.out()).isEmpty();
        assertThat(marked.exit()).as(marked.err()).isZero();
        assertThat(marked.out()).contains("NOT VERIFIED: " + audit);
        assertThat(Files.readString(dir.resolve("r/report.html"))).contains("NOT VERIFIED: AI Lanes cost report");
    }

    @Test
    void anUnpricedModelOrAnUnknownAlternativeIsAUsageError() throws Exception {
        Path audit = write(dir.resolve("b/audit.jsonl"), attempts(true));

        var unpriced = CliTestSupport.run("simulate", audit.toString(), "--routing", "all-cheap=acme/nope");
        var unknown = CliTestSupport.run("simulate", audit.toString(), "--routing", "all-cheapest");
        var missing = CliTestSupport.run("simulate", dir.resolve("none").toString(), "--routing", "all-cheap");

        assertThat(unpriced.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(unpriced.err()).contains("no price for \"acme/nope\"");
        assertThat(unknown.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(unknown.err()).contains("all-premium[=MODEL], all-cheap[=MODEL], config=FILE or escalation=off|on");
        assertThat(missing.exit()).isEqualTo(AiLanes.USAGE);
    }
}
