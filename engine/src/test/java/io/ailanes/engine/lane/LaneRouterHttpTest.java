package io.ailanes.engine.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeKind;
import io.ailanes.engine.budget.TokenEstimator;
import io.ailanes.engine.budget.Tokenizer;
import io.ailanes.engine.lane.RoutingDecision.Verdict;
import io.ailanes.engine.price.CostCalculator;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.http.Providers;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.ManualClock;
import io.ailanes.engine.testing.Responses;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Routing down a lane over real HTTP: fallback, circuit breakers, context windows, budgets, escalation. */
class LaneRouterHttpTest {

    private static final String OK = Responses.chatCompletion("m", "done", 100, 20);
    private static final String UNAVAILABLE = "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}";

    @RegisterExtension
    final LoopbackServer deepseekLoopback = LoopbackServer.started();
    @RegisterExtension
    final LoopbackServer qwenLoopback = LoopbackServer.started();
    private final MockWebServer deepseek = deepseekLoopback.server();
    private final MockWebServer qwen = qwenLoopback.server();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<RoutingDecision> decisions = new ArrayList<>();
    private final BudgetLedger ledger = BudgetLedger.inMemory();
    private final List<ChatProvider> clients = new ArrayList<>();
    private LaneRouter router;
    private PriceCatalog catalog = PriceCatalog.bundled();

    @BeforeEach
    void start() throws Exception {
        build(3);
    }

    private void build(int breakerThreshold) {
        RetryPolicy quick = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), 0, Duration.ofSeconds(1));
        ChatProvider ds = Providers.create(ProviderConfig.of("deepseek", ProviderKind.OPENAI, deepseek.url("/v1").toString(),
                ApiKey.NONE).withRetry(quick));
        ChatProvider qw = Providers.create(ProviderConfig.of("qwen", ProviderKind.OPENAI, qwen.url("/v1").toString(),
                ApiKey.NONE).withRetry(quick));
        clients.add(ds);
        clients.add(qw);
        Lane execution = new Lane("execution", List.of(ModelRef.parse("deepseek/deepseek-chat"),
                ModelRef.parse("qwen/qwen3-coder-plus")), "reasoning", false);
        Lane reasoning = new Lane("reasoning", List.of(ModelRef.parse("qwen/qwen3-coder-plus")), null, false);
        router = new LaneRouter(Map.of("execution", execution, "reasoning", reasoning), Map.of("deepseek", ds, "qwen", qw),
                catalog, ledger, new CircuitBreaker(breakerThreshold, Duration.ofSeconds(60), clock),
                (request, price) -> TokenEstimator.upperBound(request, Tokenizer.forModel(price.ref())),
                new RouterListener() {
                    @Override
                    public void onDecision(CallSpec call, RoutingDecision decision) {
                        decisions.add(decision);
                    }
                });
    }

    /** Closes the provider clients, so the router can be built again with other settings. */
    private void closeClients() {
        clients.forEach(ChatProvider::close);
        clients.clear();
    }

    @AfterEach
    void stop() {
        closeClients(); // before the servers close
    }

    private static final ScopeId BUILD = ScopeId.build("job#1");

    private RoutedResponse call() {
        return router.call(new CallSpec("job#1/" + decisions.size(), "implement", "execution",
                ChatRequest.builder("any").user("Fix the bug in Pager.java").maxOutputTokens(1000).build(), 100, null,
                List.of(new ScopeId(ScopeKind.CALL, "c" + decisions.size()), BUILD), null, null, Map.of()));
    }

    @Test
    void thePrimaryAnswersWhenHealthy() {
        deepseek.enqueue(Responses.json(200, OK));

        RoutedResponse response = call();

        assertThat(response.model()).hasToString("deepseek/deepseek-chat");
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Verdict.CHOSEN);
            assertThat(d.reason()).isEqualTo("primary model");
        });
        ModelPrice price = catalog.require("deepseek/deepseek-chat");
        assertThat(ledger.state(BUILD).settled()).isEqualByComparingTo(CostCalculator.cost(price, response.response().usage()).total());
        assertThat(ledger.state(BUILD).reserved()).isZero();
        assertThat(ledger.openReservations()).isEmpty();
    }

    @Test
    void aRetryableFailureAfterRetriesFallsBackToTheNextModelWithTheReasonCarried() {
        deepseek.enqueue(Responses.json(503, UNAVAILABLE));
        deepseek.enqueue(Responses.json(503, UNAVAILABLE));
        qwen.enqueue(Responses.json(200, OK));

        RoutedResponse response = call();

        assertThat(response.model()).hasToString("qwen/qwen3-coder-plus");
        assertThat(deepseek.getRequestCount()).as("its retries first").isEqualTo(2);
        assertThat(decisions).extracting(RoutingDecision::verdict).containsExactly(Verdict.CHOSEN, Verdict.FELL_BACK, Verdict.CHOSEN);
        assertThat(decisions.get(2).reason()).startsWith("deepseek/deepseek-chat fell back, provider server error");
        assertThat(decisions.get(2).toString()).startsWith("execution: qwen/qwen3-coder-plus chosen, deepseek/deepseek-chat fell back");
        assertThat(ledger.openReservations()).isEmpty();
    }

    @Test
    void aBadRequestDoesNotFallBack() {
        deepseek.enqueue(Responses.json(400, "{\"error\":{\"message\":\"bad field\",\"type\":\"invalid_request_error\"}}"));

        assertThatThrownBy(this::call).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
        assertThat(qwen.getRequestCount()).isZero();
        assertThat(ledger.openReservations()).isEmpty();
    }

    @Test
    void anOpenCircuitSkipsTheModelAcrossCallsUntilItsCooldown() {
        closeClients();
        decisions.clear();
        build(1);
        deepseek.enqueue(Responses.json(503, UNAVAILABLE));
        deepseek.enqueue(Responses.json(503, UNAVAILABLE));
        qwen.enqueue(Responses.json(200, OK));
        call();
        int before = deepseek.getRequestCount();

        qwen.enqueue(Responses.json(200, OK));
        decisions.clear();
        call();
        assertThat(deepseek.getRequestCount()).as("skipped while open").isEqualTo(before);
        assertThat(decisions.get(0).verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(decisions.get(0).reason()).isEqualTo("circuit open after 1 consecutive failures");

        clock.advance(Duration.ofSeconds(61));
        deepseek.enqueue(Responses.json(200, OK));
        decisions.clear();
        assertThat(call().model()).as("half-open: one trial, which succeeds").hasToString("deepseek/deepseek-chat");
    }

    @Test
    void aModelWhoseWindowCannotHoldThePromptIsSkipped() {
        closeClients();
        catalog = catalog.withOverrides(List.of(new ModelPrice("deepseek/deepseek-chat",
                catalog.require("deepseek/deepseek-chat").prices(), null, "test", null, 50L, null, "deepseek", null)));
        build(3);
        qwen.enqueue(Responses.json(200, OK));

        RoutedResponse response = call();

        assertThat(response.model()).hasToString("qwen/qwen3-coder-plus");
        assertThat(decisions.get(0).verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(decisions.get(0).reason()).contains("its context window is 50");
        assertThat(deepseek.getRequestCount()).isZero();
    }

    @Test
    void aBudgetThatFitsNoModelRefusesWithTheScopeItsCapAndTheNeed() {
        ledger.setCap(BUILD, new BigDecimal("0.0000001"));

        assertThatThrownBy(this::call)
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("budget refused: build \"job#1\" cap $0.0000001");
        assertThat(decisions).extracting(RoutingDecision::verdict).containsOnly(Verdict.SKIPPED);
        assertThat(deepseek.getRequestCount() + qwen.getRequestCount()).isZero();
        assertThat(ledger.state(BUILD).settled()).isZero();
    }

    @Test
    void escalationFollowsTheLanesEscalateTo() {
        assertThat(router.escalation("execution")).map(Lane::name).contains("reasoning");
        assertThat(router.escalation("reasoning")).isEmpty();
        assertThatThrownBy(() -> router.lane("nope")).hasMessageContaining("no lane 'nope'");
    }
}
