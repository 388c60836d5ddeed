package io.ailanes.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.budget.InMemoryLedgerStore;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.engine.config.layer.LayerFiles;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.testing.Responses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layered run shows its effective configuration once and audits it as an EFFECTIVE_CONFIG line; the audit still
 * verifies, and the reports, built from the audit, count only the calls.
 */
class EffectiveConfigAuditTest {

    private static final String OK = Responses.chatCompletion("deepseek-chat", "done", 1000, 200);

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EffectiveConfig layered() throws Exception {
        Path base = dir.resolve("ai-lanes.yaml");
        Files.writeString(base, "providers:\n  - id: deepseek\n    kind: openai\n    baseUrl: " + server.url("/v1")
                + "\n  - id: anthropic\n    kind: anthropic\n    baseUrl: http://127.0.0.1:9\n"
                + "lanes:\n  - name: reasoning\n    models: [anthropic/claude-opus-4-5]\n"
                + "  - name: execution\n    models: [deepseek/deepseek-chat, anthropic/claude-haiku-4-5]\n"
                + "budgets:\n  perBuildUsd: \"2.00\"\n");
        Path team = dir.resolve("team.yaml");
        Files.writeString(team, "extends: ai-lanes.yaml\nlanes:\n  - name: execution\n    models: [deepseek/deepseek-chat]\n"
                + "budgets:\n  perBuildUsd: \"1.00\"\n");
        return LayerFiles.read(List.of(team)).narrow();
    }

    private AiRun open(EffectiveConfig effective, String runId) {
        return AiRun.open(effective.config(), dir.resolve("ai-lanes.yaml"), id -> Optional.empty(),
                new AiRun.Options(runId, "job", dir.resolve("out"), null, AuditMode.HASHES, new InMemoryLedgerStore(),
                        console::add, Clock.systemUTC()));
    }

    @Test
    void theEffectiveConfigurationIsShownOnceAuditedAndLeftOutOfTheReports() throws Exception {
        EffectiveConfig effective = layered();
        server.enqueue(Responses.json(200, OK));
        try (AiRun run = open(effective, "job#1")) {
            assertThat(run.recordEffectiveConfig(effective)).isTrue();
            assertThat(run.within("1", Map.of()).recordEffectiveConfig(effective)).as("a view of the same run").isFalse();
            run.call("implement", "execution", ChatRequest.builder("x").user("go").maxOutputTokens(500).build(), 100, null,
                    CallListener.NONE, Cancellation.none(), Map.of());
            run.writeReports("layered");
        }
        // The host opens the run again (Jenkins: the next step): the same configuration is not shown twice.
        try (AiRun again = open(effective, "job#1")) {
            assertThat(again.recordEffectiveConfig(effective)).isFalse();
        }

        assertThat(console).filteredOn(line -> line.startsWith("[ai-lanes] effective configuration")).hasSize(1);
        assertThat(console).contains("[ai-lanes]   budgets perBuildUsd $1.00 (file " + dir.resolve("team.yaml") + ")");
        Path audit = dir.resolve("out/audit.jsonl");
        List<AuditEntry> entries = new ArrayList<>();
        try (AuditReader reader = AuditReader.open(audit)) {
            reader.forEach(entries::add);
        }
        assertThat(entries).hasSize(2);
        AuditEntry line = entries.get(0);
        assertThat(line.attributes()).containsEntry("event", EffectiveConfig.EVENT)
                .containsEntry("config.lanes.execution.models", "[deepseek/deepseek-chat]")
                .containsEntry("origin.lanes.execution.models", "file " + dir.resolve("team.yaml"))
                .containsEntry("config.budgets.perBuildUsd", "1.00")
                .containsEntry("premium", "anthropic/claude-opus-4-5"); // the report reads the audit once
        assertThat(line.errorMessage()).isEqualTo(effective.summary());
        assertThat(AuditVerifier.verify(audit).ok()).isTrue();

        JsonNode cost = Json.tryParse(Files.readString(dir.resolve("out/cost.json"))).orElseThrow();
        assertThat(cost.at("/totals/calls").asInt()).isEqualTo(1);
        assertThat(cost.at("/events").size()).as("no policy event").isZero();
        assertThat(Files.readString(dir.resolve("out/report.html"))).doesNotContain(EffectiveConfig.EVENT);
        // The report rebuilt from the audit alone reads the same.
        var rebuilt = AuditReports.build(audit, io.ailanes.engine.price.PriceCatalog.bundled(), null, "again");
        assertThat(rebuilt.events()).isEmpty();
        assertThat(rebuilt.totals().calls()).isEqualTo(1);
    }

    @Test
    void aChangedConfigurationIsShownAgainAndAnUnlayeredOneNever() throws Exception {
        EffectiveConfig effective = layered();
        EffectiveConfig plain = LayerFiles.read(List.of(dir.resolve("ai-lanes.yaml"))).narrow();
        try (AiRun run = open(plain, "job#2")) {
            assertThat(run.recordEffectiveConfig(plain)).isFalse();
            assertThat(run.recordEffectiveConfig(effective)).isTrue();
        }
        assertThat(console).filteredOn(line -> line.startsWith("[ai-lanes] effective configuration")).hasSize(1);
        assertThat(ConfigLoader.read(dir.resolve("ai-lanes.yaml")).budgets().perBuildUsd()).isEqualByComparingTo("2.00");
    }
}
