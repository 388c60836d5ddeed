package io.ailanes.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeKind;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that share one ledger (a Jenkins controller) and views of one run (parallel steps of a build, each inside
 * its own budget blocks), over real HTTP.
 */
class AiRunSharingTest {

    private static final String OK = Responses.chatCompletion("deepseek-chat", "done", 1000, 200);

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.started();
    private final MockWebServer server = loopback.server();
    private final BudgetLedger shared = BudgetLedger.inMemory();

    private AiRun open(String runId, String budgets) throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers:\n  - id: deepseek\n    kind: openai\n    baseUrl: " + server.url("/v1")
                + "\n    credentialsId: K\nlanes:\n  - name: execution\n    models: [deepseek/deepseek-chat]\n" + budgets);
        return AiRun.open(ConfigLoader.read(config), config, name -> Optional.of("sk-sharing-test-0123456789"),
                new AiRun.Options(runId, "job", dir.resolve(runId.replace('#', '-')), null, AuditMode.HASHES, null,
                        Console.NONE, Clock.systemUTC()), shared);
    }

    private static void call(AiRun run, String step) {
        run.call(step, "execution", ChatRequest.builder("x").user("Fix it").maxOutputTokens(500).build(), 100, null,
                CallListener.NONE, Cancellation.none(), Map.of());
    }

    @Test
    void aRunOpenedAgainContinuesItsCallNumbersSoCallScopesAreNeverReused() throws Exception {
        // One call costs $0.000364: a per-call cap under two calls' cost refuses a reused call scope.
        String budgets = "budgets:\n  perCallUsd: 0.0005\n";
        for (int i = 0; i < 3; i++) {
            server.enqueue(Responses.json(200, OK));
        }
        try (AiRun run = open("job#8", budgets)) {
            call(run.within("1", Map.of()), "plan");
        }
        try (AiRun run = open("job#8", budgets)) {
            call(run.within("2", Map.of()), "implement");
            run.recordEvent("implement", "execution", "EDIT_REJECTED", "outside the plan", Map.of());
        }
        try (AiRun run = open("job#8", budgets)) {
            call(run.within("3", Map.of()), "review");
            run.recordEvent("review", "reasoning", "GATE_REFUSED", "not allowed", Map.of());
        }
        Path audit = dir.resolve("job-8").resolve("audit.jsonl");
        assertThat(AuditVerifier.verify(audit).ok()).isTrue();
        try (var reader = io.ailanes.engine.audit.AuditReader.open(audit)) {
            assertThat(reader.stream().map(e -> e.callId()).toList())
                    .containsExactly("job#8/1", "job#8/2", "job#8/event-1", "job#8/3", "job#8/event-2");
        }
        assertThat(shared.state(ScopeId.call("job#8/2")).settled()).isEqualByComparingTo("0.000364");
        assertThat(shared.state(ScopeId.build("job#8")).settled()).isEqualByComparingTo("0.001092");
    }

    @Test
    void aCallInFlightWhenTheHostStoppedIsInItsRunsAuditAndReportsAtWhatTheLedgerCounted() throws Exception {
        io.ailanes.engine.budget.InMemoryLedgerStore store = new io.ailanes.engine.budget.InMemoryLedgerStore();
        BudgetLedger before = new BudgetLedger(store);
        server.enqueue(Responses.json(200, OK));
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers:\n  - id: deepseek\n    kind: openai\n    baseUrl: " + server.url("/v1")
                + "\n    credentialsId: K\nlanes:\n  - name: execution\n    models: [deepseek/deepseek-chat]\n");
        AiRun.Options options = new AiRun.Options("job#9", "job", dir.resolve("job-9"), null, AuditMode.HASHES, null,
                Console.NONE, Clock.systemUTC());
        try (AiRun run = AiRun.open(ConfigLoader.read(config), config, name -> Optional.of("sk-x-0123456789"), options,
                before)) {
            call(run.within("1", Map.of()), "plan");
        }
        // The controller dies while the build's second call is in flight: its reservation stays open in the journal.
        before.reserve(java.util.List.of(ScopeId.call("job#9/2"), ScopeId.step("job#9/implement@2"),
                new ScopeId(ScopeKind.LANE, "job#9/execution"), ScopeId.build("job#9")), new BigDecimal("0.0125"));

        BudgetLedger after = new BudgetLedger(store);
        assertThat(after.unsettledAfterCrash()).hasSize(1);
        try (AiRun run = AiRun.open(ConfigLoader.read(config), config, name -> Optional.of("sk-x-0123456789"), options,
                after)) {
            run.recordInterrupted(after.unsettledAfterCrash().get(0));
            run.writeReports("after restart");
        }

        Path out = dir.resolve("job-9");
        assertThat(AuditVerifier.verify(out.resolve("audit.jsonl")).ok()).isTrue();
        try (var reader = io.ailanes.engine.audit.AuditReader.open(out.resolve("audit.jsonl"))) {
            var lines = reader.stream().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1).callId()).isEqualTo("job#9/2");
            assertThat(lines.get(1).step()).isEqualTo("implement");
            assertThat(lines.get(1).lane()).isEqualTo("execution");
            assertThat(lines.get(1).errorKind()).isEqualTo(AiRun.INTERRUPTED);
            assertThat(lines.get(1).costUsd()).isEqualByComparingTo("0.0125");
        }
        JsonNode cost = Json.tryParse(Files.readString(out.resolve("cost.json"))).orElseThrow();
        assertThat(new BigDecimal(cost.at("/totals/costUsd").asText())).isEqualByComparingTo("0.012864");
        assertThat(cost.at("/totals/calls").asLong()).isEqualTo(2);
        assertThat(after.state(ScopeId.build("job#9")).settled()).isEqualByComparingTo("0.012864");
    }

    @Test
    void aRefusedCallIsOneAuditLineAndNoAttempt() throws Exception {
        try (AiRun run = open("job#10", "budgets:\n  perCallUsd: 0.0000001\n")) {
            assertThatThrownBy(() -> call(run.within("1", Map.of()), "implement"))
                    .isInstanceOf(BudgetExceededException.class);
            run.writeReports("refused");
        }
        try (var reader = io.ailanes.engine.audit.AuditReader.open(dir.resolve("job-10").resolve("audit.jsonl"))) {
            assertThat(reader.stream().map(e -> e.callId() + " " + e.outcome()).toList())
                    .containsExactly("job#10/1 REFUSED");
        }
        JsonNode cost = Json.tryParse(Files.readString(dir.resolve("job-10").resolve("cost.json"))).orElseThrow();
        assertThat(cost.at("/totals/calls").asLong()).isEqualTo(1);
        assertThat(cost.at("/totals/attempts").asLong()).as("a refusal sent nothing").isZero();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void runsOnOneLedgerSpendAgainstTheSameJobMonth() throws Exception {
        server.enqueue(Responses.json(200, OK));
        server.enqueue(Responses.json(200, OK));
        try (AiRun first = open("job#1", ""); AiRun second = open("job#2", "")) {
            call(first, "implement");
            call(second, "implement");
        }
        ScopeId month = ScopeId.jobMonth("job", Clock.systemUTC());
        // deepseek-chat: 1000 × 0.28 + 200 × 0.42 per million, twice
        assertThat(shared.state(month).settled()).isEqualByComparingTo("0.000728");
        assertThat(shared.state(ScopeId.build("job#1")).settled()).isEqualByComparingTo("0.000364");
    }

    @Test
    void aViewHoldsItsCallsAgainstItsEnclosingScopesAndItsOwnStepScope() throws Exception {
        server.enqueue(Responses.json(200, OK));
        server.enqueue(Responses.json(200, OK));
        try (AiRun run = open("job#3", "")) {
            ScopeId outer = new ScopeId(ScopeKind.BUILD, "job#3/withAiBudget-1");
            ScopeId inner = new ScopeId(ScopeKind.BUILD, "job#3/withAiBudget-2");
            Map<ScopeId, BigDecimal> blocks = new LinkedHashMap<>();
            blocks.put(inner, new BigDecimal("0.01"));
            blocks.put(outer, new BigDecimal("1"));
            AiRun view = run.within("a", blocks);
            call(view, "implement");
            call(run.within("b", Map.of(outer, new BigDecimal("1"))), "implement");
            view.close(); // a view releases nothing: the run can still call and write its reports

            assertThat(shared.state(inner).settled()).isEqualByComparingTo("0.000364");
            assertThat(shared.state(outer).settled()).isEqualByComparingTo("0.000728");
            assertThat(shared.state(ScopeId.step("job#3/implement@a")).settled()).isEqualByComparingTo("0.000364");
            assertThat(shared.state(ScopeId.step("job#3/implement@b")).settled()).isEqualByComparingTo("0.000364");
            run.writeReports("views");
        }
        Path out = dir.resolve("job-3");
        assertThat(AuditVerifier.verify(out.resolve("audit.jsonl")).ok()).isTrue();
        JsonNode cost = Json.tryParse(Files.readString(out.resolve("cost.json"))).orElseThrow();
        assertThat(cost.toString()).contains("job#3/withAiBudget-2");
    }

    @Test
    void theTighterOfNestedCapsRefusesAndTheReportShowsOnlyThisRunsScopes() throws Exception {
        try (AiRun other = open("job#4", "")) {
            other.within("x", Map.of(new ScopeId(ScopeKind.BUILD, "job#4/withAiBudget-1"), new BigDecimal("7")));
        }
        try (AiRun run = open("job#5", "")) {
            Map<ScopeId, BigDecimal> blocks = new LinkedHashMap<>();
            blocks.put(new ScopeId(ScopeKind.BUILD, "job#5/withAiBudget-2"), new BigDecimal("0.0000001"));
            blocks.put(new ScopeId(ScopeKind.BUILD, "job#5/withAiBudget-1"), new BigDecimal("5"));
            AiRun view = run.within("a", blocks);
            assertThatThrownBy(() -> call(view, "implement"))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("build \"job#5/withAiBudget-2\" cap $0.0000001");
            view.writeReports("refused");
        }
        String cost = Files.readString(dir.resolve("job-5").resolve("cost.json"));
        assertThat(cost).contains("job#5/withAiBudget-1").doesNotContain("job#4");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aCapRemovedFromTheConfigurationNoLongerHoldsOnTheSharedLedger() throws Exception {
        try (AiRun capped = open("job#6", "budgets:\n  perJobMonthUsd: 0.0000001\n")) {
            assertThatThrownBy(() -> call(capped, "implement")).isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("job month");
        }
        server.enqueue(Responses.json(200, OK));
        try (AiRun uncapped = open("job#7", "")) {
            call(uncapped, "implement");
        }
        assertThat(shared.state(ScopeId.jobMonth("job", Clock.systemUTC())).cap()).isNull();
    }
}
