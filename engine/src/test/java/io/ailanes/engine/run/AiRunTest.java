package io.ailanes.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.Responses;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A whole run: configuration → lanes → budgets (file ledger) → audit → reports, over real HTTP. */
class AiRunTest {

    private static final String KEY = "sk-airun-LEAKCHECK-0123456789";
    private static final String OK = "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"deepseek-chat\",\"choices\":"
            + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"done\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":200,\"total_tokens\":1200,"
            + "\"prompt_cache_hit_tokens\":600,\"prompt_cache_miss_tokens\":400}}";

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.started();
    private final MockWebServer server = loopback.server();
    private final List<String> console = new ArrayList<>();

    private AiRun open(String extraYaml, String runId) throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers:\n  - id: deepseek\n    kind: openai\n    baseUrl: " + server.url("/v1")
                + "\n    credentialsId: DS_KEY\n    retry: {maxAttempts: 2, initialBackoff: 1ms, maxBackoff: 2ms}\n"
                + "    timeouts: {firstByte: 2s}\n"
                + "  - id: anthropic\n    kind: anthropic\n    baseUrl: http://127.0.0.1:9\n"
                + "lanes:\n  - name: reasoning\n    models: [anthropic/claude-opus-4-5]\n"
                + "  - name: execution\n    models: [deepseek/deepseek-chat]\n" + extraYaml);
        return AiRun.open(ConfigLoader.read(config), config, name -> "DS_KEY".equals(name) ? Optional.of(KEY) : Optional.empty(),
                new AiRun.Options(runId, "job", dir.resolve("out"), null, AuditMode.FULL,
                        store = FileLedgerStore.open(dir.resolve("ledger.jsonl")), console::add, Clock.systemUTC()));
    }

    private FileLedgerStore store;

    private void call(AiRun run) {
        run.call("implement", "execution", ChatRequest.builder("x").user("Fix it; the key is " + KEY).maxOutputTokens(500).build(),
                100, null, CallListener.NONE, Cancellation.none(), Map.of("round", "1"));
    }

    @Test
    void aRunAuditsEveryAttemptAndReportsFromTheAudit() throws Exception {
        server.enqueue(Responses.json(503, "{\"error\":{\"message\":\"busy " + KEY + "\",\"type\":\"server_error\"}}"));
        server.enqueue(Responses.json(200, OK));
        try (AiRun run = open("", "job#1")) {
            call(run);
            run.writeReports("test run");
        } finally {
            store.close();
        }

        Path out = dir.resolve("out");
        List<AuditEntry> entries = new ArrayList<>();
        try (AuditReader reader = AuditReader.open(out.resolve("audit.jsonl"))) {
            reader.forEach(entries::add);
        }
        assertThat(entries).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.RETRYING, AuditOutcome.SUCCEEDED);
        AuditEntry success = entries.get(1);
        assertThat(success.usage().cacheReadTokens()).isEqualTo(600);
        // deepseek-chat: 400 × 0.28 + 600 × 0.028 + 200 × 0.42 per million = 0.000112 + 0.0000168 + 0.000084
        assertThat(success.costUsd()).isEqualByComparingTo("0.0002128");
        assertThat(success.attributes()).containsEntry("family", "deepseek").containsEntry("premium", "anthropic/claude-opus-4-5")
                .containsEntry("round", "1");
        assertThat(success.routingReason()).isEqualTo("primary model");
        assertThat(AuditVerifier.verify(out.resolve("audit.jsonl")).ok()).isTrue();

        JsonNode cost = Json.tryParse(Files.readString(out.resolve("cost.json"))).orElseThrow();
        assertThat(new BigDecimal(cost.at("/totals/costUsd").asText())).isEqualByComparingTo("0.0002128");
        assertThat(cost.at("/counterfactual/premiumModel").asText()).isEqualTo("anthropic/claude-opus-4-5");
        for (String file : List.of("audit.jsonl", "cost.json", "report.html")) {
            assertThat(Files.readString(out.resolve(file))).as(file).doesNotContain(KEY);
        }
        assertThat(console).anyMatch(line -> line.contains("execution: deepseek/deepseek-chat chosen, primary model"));
    }

    @Test
    void aLaneHasItsOwnCap() throws Exception {
        try (AiRun run = open("    budgetUsd: 0.00001\n", "job#2")) {
            assertThatThrownBy(() -> call(run))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("lane \"job#2/execution\" cap $0.00001");
        } finally {
            store.close();
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void lastRunsMonthlySpendIsRemembered() throws Exception {
        String month = "budgets: {perJobMonthUsd: 0.00025}\n";
        server.enqueue(Responses.json(200, OK));
        try (AiRun run = open(month, "job#3")) {
            call(run);
        } finally {
            store.close();
        }
        try (AiRun run = open(month, "job#4")) {
            // 0.0002128 of 0.00025 is spent: not even the 100-token floor fits in the next run.
            assertThatThrownBy(() -> call(run))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("job month \"job@");
        } finally {
            store.close();
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
