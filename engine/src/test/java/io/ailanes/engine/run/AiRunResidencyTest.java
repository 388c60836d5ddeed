package io.ailanes.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.budget.InMemoryLedgerStore;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.lane.NoModelAvailableException;
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
 * policy.allowedRegions over real HTTP: a provider outside the allowed regions, or of unknown region, gets no request
 * at all (its server counts zero), the fallback moves on with the reason logged and audited, a lane with nothing allowed
 * fails naming the rule, and cost.json and report.html say where the data went.
 */
class AiRunResidencyTest {

    private static final String OK = Responses.chatCompletion("m", "done", 1000, 200);

    @TempDir
    Path dir;

    /** Stands in for a provider processing data in China (its dataRegion says so, as the catalog does for DeepSeek). */
    private final MockWebServer cn = new MockWebServer();
    /** Stands in for an EU deployment. */
    private final MockWebServer eu = new MockWebServer();
    private final List<String> console = new ArrayList<>();
    private final InMemoryLedgerStore store = new InMemoryLedgerStore();

    @BeforeEach
    void start() throws Exception {
        cn.start();
        eu.start();
    }

    @AfterEach
    void stop() {
        cn.close();
        eu.close();
    }

    private AiRun open(String cnRegion, String lane, String policy) throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers:\n"
                + "  - id: deepseek\n    kind: openai\n    baseUrl: " + cn.url("/v1") + "\n"
                + (cnRegion == null ? "" : "    dataRegion: " + cnRegion + "\n")
                + "    retry: {maxAttempts: 1}\n"
                + "  - id: qwen\n    kind: openai\n    baseUrl: " + eu.url("/v1") + "\n    dataRegion: [eu]\n"
                + "    retry: {maxAttempts: 1}\n"
                + "lanes:\n  - name: execution\n    models: " + lane + "\n"
                + "policy:\n" + policy);
        return AiRun.open(ConfigLoader.read(config), config, name -> Optional.empty(),
                new AiRun.Options("job#7", "job", dir.resolve("out"), null, AuditMode.HASHES, store, console::add,
                        Clock.systemUTC()));
    }

    private void call(AiRun run) {
        run.call("implement", "execution", ChatRequest.builder("x").user("Fix it").maxOutputTokens(500).build(), 100, null,
                CallListener.NONE, Cancellation.none(), Map.of());
    }

    private List<AuditEntry> audit() throws Exception {
        List<AuditEntry> entries = new ArrayList<>();
        try (AuditReader reader = AuditReader.open(dir.resolve("out/audit.jsonl"))) {
            reader.forEach(entries::add);
        }
        return entries;
    }

    @Test
    void aProviderOutsideTheAllowedRegionsIsNeverCalledAndTheLaneFallsBack() throws Exception {
        eu.enqueue(Responses.json(200, OK));
        try (AiRun run = open("cn", "[deepseek/deepseek-chat, qwen/qwen3-coder-plus]", "  allowedRegions: [eu, us]\n")) {
            call(run);
            run.writeReports("residency");
        }

        assertThat(cn.getRequestCount()).isZero();
        assertThat(eu.getRequestCount()).isEqualTo(1);
        String skip = "provider deepseek processes data in cn, outside policy.allowedRegions [eu, us]";
        assertThat(console).anyMatch(line -> line.contains("execution: deepseek/deepseek-chat skipped, " + skip));
        assertThat(console).anyMatch(line -> line.contains("execution: qwen/qwen3-coder-plus chosen, deepseek/deepseek-chat"
                + " skipped, " + skip));

        List<AuditEntry> entries = audit();
        assertThat(entries).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.REFUSED, AuditOutcome.SUCCEEDED);
        AuditEntry refused = entries.get(0);
        assertThat(refused.errorKind()).isEqualTo(AuditReports.REGION_NOT_ALLOWED);
        assertThat(refused.errorMessage()).isEqualTo(skip);
        assertThat(refused.promptSha256()).as("nothing was sent").isNull();
        assertThat(refused.reservedUsd()).as("nothing was reserved").isNull();
        assertThat(refused.attributes()).containsEntry("region", "cn").containsEntry("regionBasis", "configured")
                .containsEntry("allowedRegions", "eu,us").containsEntry("event", AuditReports.REGION_NOT_ALLOWED);
        assertThat(entries.get(1).attributes()).containsEntry("region", "eu");
        assertThat(AuditVerifier.verify(dir.resolve("out/audit.jsonl")).ok()).isTrue();

        Path out = dir.resolve("out");
        JsonNode cost = Json.tryParse(Files.readString(out.resolve("cost.json"))).orElseThrow();
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(schema().toUri().toString())).validate(cost)).isEmpty();
        JsonNode residency = cost.get("residency");
        assertThat(residency.at("/allowedRegions").toString()).isEqualTo("[\"eu\",\"us\"]");
        assertThat(residency.at("/records/directory").asText()).isEqualTo(out.toAbsolutePath().toString());
        JsonNode deepseek = residency.at("/providers/0");
        assertThat(deepseek.get("provider").asText()).isEqualTo("deepseek");
        assertThat(deepseek.get("regions").toString()).isEqualTo("[\"cn\"]");
        assertThat(deepseek.get("calls").asLong()).isZero();
        assertThat(deepseek.get("inputTokens").asLong()).isZero();
        assertThat(deepseek.get("refused").asLong()).isEqualTo(1);
        JsonNode qwen = residency.at("/providers/1");
        assertThat(qwen.get("provider").asText()).isEqualTo("qwen");
        assertThat(qwen.get("basis").asText()).isEqualTo("configured");
        assertThat(qwen.get("calls").asLong()).isEqualTo(1);
        assertThat(qwen.get("inputTokens").asLong()).isEqualTo(1000);
        assertThat(qwen.get("outputTokens").asLong()).isEqualTo(200);
        assertThat(cost.at("/totals/calls").asLong()).as("a skip is not a call").isEqualTo(1);
        assertThat(cost.at("/events/0/kind").asText()).isEqualTo(AuditReports.REGION_NOT_ALLOWED);

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Where your data went", "policy.allowedRegions allowed eu, us",
                "<td>deepseek</td><td>cn</td>", "<td>qwen</td><td>eu</td>", "Blocked by policy");
    }

    @Test
    void aLaneWithNoAllowedModelFailsNamingTheRuleAndNothingIsReservedOrSent() throws Exception {
        try (AiRun run = open("cn", "[deepseek/deepseek-chat]", "  allowedRegions: [eu]\n")) {
            assertThatThrownBy(() -> call(run))
                    .isInstanceOf(NoModelAvailableException.class)
                    .hasMessageContaining("lane 'execution': no model could take the call: deepseek/deepseek-chat skipped,"
                            + " provider deepseek processes data in cn, outside policy.allowedRegions [eu]")
                    .hasMessageContaining("every model of the lane is outside policy.allowedRegions, so nothing was sent")
                    .hasMessageContaining("declare it with dataRegion");
            assertThat(run.ledger().state(ScopeId.build("job#7")).reserved()).isZero();
            assertThat(run.ledger().state(ScopeId.build("job#7")).settled()).isZero();
        }
        assertThat(cn.getRequestCount()).isZero();
        assertThat(eu.getRequestCount()).isZero();
    }

    @Test
    void aProviderOfUnknownRegionIsRefusedUntilTheAdminDeclaresIt() throws Exception {
        // The mock server's host (127.0.0.1) is in no catalog: with a policy set, it fails closed.
        try (AiRun run = open(null, "[deepseek/deepseek-chat]", "  allowedRegions: [eu]\n")) {
            assertThatThrownBy(() -> call(run)).isInstanceOf(NoModelAvailableException.class)
                    .hasMessageContaining("provider deepseek has no known processing region");
        }
        assertThat(cn.getRequestCount()).isZero();

        // The admin's dataRegion wins (an EU deployment): the same endpoint is called.
        cn.enqueue(Responses.json(200, OK));
        try (AiRun run = open("eu", "[deepseek/deepseek-chat]", "  allowedRegions: [eu]\n")) {
            call(run);
        }
        assertThat(cn.getRequestCount()).isEqualTo(1);
    }

    @Test
    void withoutAPolicyEveryProviderMayBeCalledAndTheReportSaysSo() throws Exception {
        cn.enqueue(Responses.json(200, OK));
        try (AiRun run = open(null, "[deepseek/deepseek-chat]", "  allowEscalation: true\n")) {
            call(run);
            run.writeReports("no policy");
        }
        assertThat(cn.getRequestCount()).isEqualTo(1);
        JsonNode cost = Json.tryParse(Files.readString(dir.resolve("out/cost.json"))).orElseThrow();
        assertThat(cost.at("/residency/allowedRegions").isNull()).isTrue();
        assertThat(cost.at("/residency/providers/0/basis").asText()).isEqualTo("unknown");
        assertThat(cost.at("/residency/providers/0/regions").size()).isZero();
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("No region policy was set for this run",
                "<td>deepseek</td><td>unknown</td>");
    }

    @Test
    void badRegionSettingsAreConfigurationProblemsWithTheirPaths() throws Exception {
        assertThatThrownBy(() -> open("[]", "[deepseek/deepseek-chat]", "  allowedRegions: [eu, 'Europe/Paris']\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers[0].dataRegion: an empty list")
                .hasMessageContaining("policy.allowedRegions[1]: 'Europe/Paris' is not a region name");
        assertThatThrownBy(() -> open("cn", "[deepseek/deepseek-chat]", "  allowedRegions: []\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("policy.allowedRegions: an empty list allows no provider at all");
    }

    private static Path schema() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isRegularFile(at.resolve("docs/cost.schema.json"))) {
            at = at.getParent();
        }
        return at.resolve("docs/cost.schema.json");
    }
}
