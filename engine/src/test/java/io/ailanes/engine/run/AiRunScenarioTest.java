package io.ailanes.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.budget.InMemoryLedgerStore;
import io.ailanes.engine.budget.LedgerStore;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeKind;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.price.CostCalculator;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.testing.Responses;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run: YAML configuration, providers on loopback, budgets, audit log and reports. */
class AiRunScenarioTest {

    private static final Map<String, String> KEYS = Map.of(
            "DEEPSEEK_API_KEY", "sk-deepseekSECRET0123456789abcdef",
            "QWEN_API_KEY", "qwen-SECRET-0123456789abcdef",
            "ANTHROPIC_API_KEY", "sk-ant-SECRET0123456789abcdefghij",
            "OPENAI_API_KEY", "sk-openaiSECRET0123456789abcdef");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final String UNAVAILABLE = "{\"error\":{\"message\":\"Service unavailable\",\"type\":\"server_error\"}}";

    @TempDir
    Path dir;

    private final Map<String, MockWebServer> servers = new LinkedHashMap<>();
    private final List<String> console = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        for (String id : List.of("deepseek", "qwen", "anthropic", "openai")) {
            MockWebServer server = new MockWebServer();
            server.start();
            servers.put(id, server);
        }
    }

    @AfterEach
    void stop() {
        servers.values().forEach(MockWebServer::close);
    }

    @Test
    void aRunAuditsEveryAttemptAndWritesReportsFromTheAudit() throws Exception {
        Path config = writeConfig("""
                budgets:
                  perCallUsd: 0.05
                  perBuildUsd: 5
                  perJobMonthUsd: 100
                  globalPerDayUsd: 500
                """);
        servers.get("anthropic").enqueue(ok("the plan", 100, 50));
        servers.get("deepseek").enqueue(Responses.json(503, UNAVAILABLE));
        servers.get("deepseek").enqueue(Responses.json(503, UNAVAILABLE));
        servers.get("qwen").enqueue(ok("the patch", 200, 80));
        servers.get("openai").enqueue(ok("looks good", 300, 20));
        List<RoutedResponse> responses = new ArrayList<>();

        try (AiRun run = open(config, "job#7", null, new InMemoryLedgerStore())) {
            // The key in a prompt must not reach the audit, even in full mode.
            responses.add(run.call("plan", "reasoning", request("Plan it; key " + KEYS.get("OPENAI_API_KEY"), 1000),
                    100, null, null, null, Map.of()));
            responses.add(run.call("implement", "execution", request("Implement it", 1000), 100, null, null, null,
                    Map.of("round", "1")));
            // Opus cannot afford 4000 output tokens under the $0.05 call cap; gpt-5 can.
            responses.add(run.call("review", "review", request("Review it", 8000), 4000, "qwen", null, null, Map.of()));

            assertThat(run.ledger().openReservations()).isEmpty();
            CostReport report = run.writeReports("AiRunTest");
            assertThat(report).isNotNull();
        }

        assertThat(responses).extracting(r -> r.model().toString()).containsExactly(
                "anthropic/claude-opus-4-5", "qwen/qwen3-coder-plus", "openai/gpt-5");
        List<AuditEntry> audit = readAudit();
        assertThat(audit).extracting(e -> e.step() + " " + e.provider() + "/" + e.model() + " " + e.attempt() + " "
                + e.outcome()).containsExactly(
                "plan anthropic/claude-opus-4-5 1 SUCCEEDED",
                "implement deepseek/deepseek-chat 1 RETRYING",
                "implement deepseek/deepseek-chat 2 FALLBACK",
                "implement qwen/qwen3-coder-plus 1 SUCCEEDED",
                "review anthropic/claude-opus-4-5 0 REFUSED",
                "review openai/gpt-5 1 SUCCEEDED");
        assertThat(audit).allSatisfy(e -> {
            assertThat(e.runId()).isEqualTo("job#7");
            assertThat(e.attributes()).containsEntry(AuditReports.PREMIUM, "anthropic/claude-opus-4-5");
            assertThat(e.attributes().get(AuditReports.CAPS)).isEqualTo(
                    "BUILD build \"job#7\"=5;JOB_MONTH job month \"job@2026-11\"=100;GLOBAL_DAY global day \"2026-11-23\"=500");
            assertThat(e.attributes()).containsKey(AuditReports.FAMILY);
        });
        assertThat(audit).extracting(e -> e.attributes().get(AuditReports.FAMILY))
                .containsExactly("anthropic", "deepseek", "deepseek", "qwen", "anthropic", "openai");
        assertThat(audit.get(1).callId()).isEqualTo(audit.get(3).callId()).isEqualTo("job#7/2");
        assertThat(audit.get(2).errorKind()).isEqualTo("SERVER_ERROR");
        assertThat(audit.get(2).httpStatus()).isEqualTo(503);
        assertThat(audit.get(3).routingReason()).startsWith("deepseek/deepseek-chat fell back, provider server error");
        assertThat(audit.get(3).attributes()).containsEntry("round", "1");
        assertThat(audit.get(4).errorKind()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(audit.get(4).errorMessage()).startsWith("budget refused: call \"job#7/3\" cap $0.05, spent $0.00");
        assertThat(audit.get(5).routingReason()).startsWith("anthropic/claude-opus-4-5 skipped, budget: budget refused");
        assertThat(audit.get(0).usage()).isEqualTo(new Usage(100, 0, 0, 0, 50, 0));
        assertThat(audit.get(0).costUsd()).isEqualByComparingTo(CostCalculator.cost(
                PriceCatalog.bundled().require("anthropic/claude-opus-4-5"), new Usage(100, 0, 0, 0, 50, 0)).total());
        assertThat(audit.get(0).promptText()).doesNotContain(KEYS.get("OPENAI_API_KEY")).contains("Plan it; key ");
        assertThat(AuditVerifier.verify(dir.resolve("out/audit.jsonl")).ok()).isTrue();

        BigDecimal auditTotal = audit.stream().map(AuditEntry::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        JsonNode cost = Json.MAPPER.readTree(dir.resolve("out/cost.json").toFile());
        assertThat(new BigDecimal(cost.path("totals").path("costUsd").asText())).isEqualByComparingTo(auditTotal);
        assertThat(cost.path("totals").path("attempts").asInt()).as("the refusal sent nothing").isEqualTo(5);
        assertThat(cost.path("totals").path("outcomes").path("REFUSED").asInt()).isEqualTo(1);
        assertThat(cost.path("counterfactual").path("premiumModel").asText()).isEqualTo("anthropic/claude-opus-4-5");
        assertThat(new BigDecimal(cost.path("counterfactual").path("actualUsd").asText())).isEqualByComparingTo(auditTotal);
        List<String> budgetScopes = new ArrayList<>();
        cost.path("budgets").forEach(b -> budgetScopes.add(b.path("kind").asText() + " " + b.path("scope").asText()));
        assertThat(budgetScopes).contains("BUILD build \"job#7\"", "JOB_MONTH job month \"job@2026-11\"");
        assertThat(cost.path("calls")).hasSize(6);
        String html = Files.readString(dir.resolve("out/report.html"));
        assertThat(html).contains("<html").contains("anthropic/claude-opus-4-5");

        assertThat(console).contains("[ai-lanes] execution: deepseek/deepseek-chat chosen, primary model");
        assertThat(console).anySatisfy(line -> assertThat(line).startsWith(
                "[ai-lanes] execution: deepseek/deepseek-chat fell back, provider server error"));
        assertNoSecrets();
    }

    @Test
    void theBuildCapFromTheOptionsIsEnforced() throws Exception {
        Path config = writeConfig("""
                budgets:
                  perBuildUsd: 5
                """);
        BudgetExceededException refused;
        try (AiRun run = open(config, "job#9", new BigDecimal("0.00001"), new InMemoryLedgerStore())) {
            refused = catchThrowableOfType(BudgetExceededException.class, () -> run.call("implement", "execution",
                    request("Implement it", 1000), 100, null, null, null, Map.of()));
            assertThat(run.ledger().state(ScopeId.build("job#9")).cap()).isEqualByComparingTo("0.00001");
        }
        assertThat(refused.scope()).isEqualTo(ScopeId.build("job#9"));
        assertThat(refused.getMessage()).startsWith("budget refused: build \"job#9\" cap $0.00001, spent $0.00");
        assertThat(servers.get("deepseek").getRequestCount()).isZero();
        assertThat(servers.get("qwen").getRequestCount()).isZero();
        assertThat(readAudit()).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.REFUSED, AuditOutcome.REFUSED);
        assertThat(readAudit().get(0).attributes().get(AuditReports.CAPS)).isEqualTo("BUILD build \"job#9\"=0.00001");
    }

    @Test
    void aSecondRunInTheSameMonthIsRefusedWhenTheFirstUsedUpTheJobMonth() throws Exception {
        Path config = writeConfig("""
                budgets:
                  perJobMonthUsd: 0.0006
                """);
        Path ledgerFile = dir.resolve("ledger/ledger.jsonl");
        servers.get("deepseek").enqueue(ok("first", 10, 1000));
        try (FileLedgerStore store = FileLedgerStore.open(ledgerFile);
                AiRun run = open(config, "job#1", null, store)) {
            run.call("implement", "execution", request("Implement it", 1000), 500, null, null, null, Map.of());
        }
        BigDecimal spent = CostCalculator.cost(PriceCatalog.bundled().require("deepseek/deepseek-chat"),
                new Usage(10, 0, 0, 0, 1000, 0)).total();
        assertThat(spent).isEqualByComparingTo("0.0004228");

        BudgetExceededException refused;
        try (FileLedgerStore store = FileLedgerStore.open(ledgerFile);
                AiRun run = open(config, "job#2", null, store)) {
            ScopeId month = ScopeId.jobMonth("job", CLOCK);
            assertThat(run.ledger().state(month).settled()).isEqualByComparingTo(spent);
            refused = catchThrowableOfType(BudgetExceededException.class, () -> run.call("implement", "execution",
                    request("Implement it", 1000), 500, null, null, null, Map.of()));
        }
        assertThat(refused.scope().kind()).isEqualTo(ScopeKind.JOB_MONTH);
        assertThat(refused.getMessage()).startsWith(
                "budget refused: job month \"job@2026-11\" cap $0.0006, spent $0.0004228 (reserved $0.00 more),"
                        + " call needs at least $0.000");
        assertThat(servers.get("deepseek").getRequestCount()).isEqualTo(1);
    }

    // --- helpers ---

    private AiRun open(Path config, String runId, BigDecimal buildCap, LedgerStore store) {
        AiLanesConfig parsed = ConfigLoader.read(config);
        return AiRun.open(parsed, config, id -> Optional.ofNullable(KEYS.get(id)), new AiRun.Options(runId, "job",
                dir.resolve("out"), buildCap, AuditMode.FULL, store, console::add, CLOCK));
    }

    private Path writeConfig(String budgets) throws IOException {
        StringBuilder yaml = new StringBuilder("providers:\n");
        Map<String, String> keyOf = Map.of("deepseek", "DEEPSEEK_API_KEY", "qwen", "QWEN_API_KEY",
                "anthropic", "ANTHROPIC_API_KEY", "openai", "OPENAI_API_KEY");
        servers.forEach((id, server) -> yaml.append("  - id: ").append(id).append("\n    kind: openai\n    baseUrl: ")
                .append(server.url("/v1")).append("\n    credentialsId: ").append(keyOf.get(id))
                .append("\n    retry: {maxAttempts: 2, initialBackoff: 1ms, maxBackoff: 2ms, jitter: 0}\n"));
        yaml.append("""
                lanes:
                  - name: reasoning
                    models: [anthropic/claude-opus-4-5, openai/gpt-5]
                  - name: execution
                    models: [deepseek/deepseek-chat, qwen/qwen3-coder-plus]
                    escalateTo: reasoning
                  - name: review
                    models: [anthropic/claude-opus-4-5, openai/gpt-5]
                routing:
                  circuitBreakerThreshold: 2
                  circuitBreakerCooldown: 60s
                """).append(budgets);
        Path file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<AuditEntry> readAudit() throws IOException {
        try (AuditReader reader = AuditReader.open(dir.resolve("out/audit.jsonl"))) {
            return reader.stream().toList();
        }
    }

    private void assertNoSecrets() throws IOException {
        List<String> texts = List.of(Files.readString(dir.resolve("out/audit.jsonl")),
                Files.readString(dir.resolve("out/cost.json")), Files.readString(dir.resolve("out/report.html")),
                String.join("\n", console));
        for (String key : KEYS.values()) {
            for (String text : texts) {
                assertThat(text).doesNotContain(key).doesNotContain(key.substring(0, 20));
            }
        }
    }

    private static ChatRequest request(String text, int maxTokens) {
        return ChatRequest.builder("placeholder").user(text).maxOutputTokens(maxTokens).build();
    }

    private static MockResponse ok(String text, int prompt, int completion) {
        return Responses.json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}");
    }
}
