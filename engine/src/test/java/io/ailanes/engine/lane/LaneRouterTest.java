package io.ailanes.engine.lane;

import io.ailanes.engine.testing.ManualClock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.Reservation;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeState;
import io.ailanes.engine.budget.TokenEstimator;
import io.ailanes.engine.budget.Tokenizer;
import io.ailanes.engine.budget.Usd;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.lane.RoutingDecision.Verdict;
import io.ailanes.engine.price.Cost;
import io.ailanes.engine.price.CostCalculator;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.Providers;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Responses;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lane router against real provider clients talking HTTP to loopback servers. */
class LaneRouterTest {

    private static final String DEEPSEEK = "deepseek/deepseek-chat";
    private static final String QWEN = "qwen/qwen3-coder-plus";
    private static final String OPUS = "anthropic/claude-opus-4-5";
    private static final String GPT5 = "openai/gpt-5";
    private static final ScopeId BUILD = ScopeId.build("job#1");
    private static final String UNAVAILABLE = "{\"error\":{\"message\":\"Service unavailable\",\"type\":\"server_error\"}}";
    private static final String OVERFLOW = "{\"error\":{\"message\":\"This model's maximum context length is 131072 tokens."
            + " However, you requested 140000 tokens.\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}";

    private final Map<String, MockWebServer> servers = new LinkedHashMap<>();
    private final Map<String, ChatProvider> providers = new LinkedHashMap<>();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(60), clock);
    private final BudgetLedger ledger = BudgetLedger.inMemory();
    private final Recorder events = new Recorder();
    private PriceCatalog catalog = PriceCatalog.bundled();
    private LaneRouter router;
    private int calls;

    @BeforeEach
    void start() throws Exception {
        for (String id : List.of("deepseek", "qwen", "anthropic", "openai")) {
            MockWebServer server = new MockWebServer();
            server.start();
            servers.put(id, server);
            providers.put(id, Providers.create(ProviderConfig.of(id, ProviderKind.OPENAI,
                            server.url("/v1").toString(), ApiKey.of("sk-test-" + id + "-0123456789abcdef"))
                    .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), 0, Duration.ofSeconds(1)))));
        }
        router = router(catalog);
    }

    @AfterEach
    void stop() {
        providers.values().forEach(ChatProvider::close);
        servers.values().forEach(MockWebServer::close);
    }

    private LaneRouter router(PriceCatalog prices) {
        Map<String, Lane> lanes = Map.of(
                "execution", new Lane("execution", List.of(ref(DEEPSEEK), ref(QWEN)), "reasoning", false),
                "reasoning", new Lane("reasoning", List.of(ref(OPUS), ref(GPT5)), null, false),
                "review", new Lane("review", List.of(ref(OPUS), ref(GPT5)), null, false),
                "review-same", new Lane("review-same", List.of(ref(OPUS), ref(GPT5)), null, true));
        return new LaneRouter(lanes, providers, prices, ledger, breaker,
                (request, price) -> TokenEstimator.upperBound(request, Tokenizer.forModel(price.ref())), events);
    }

    // --- calibration of the input estimate ---

    @Test
    void reportedInputTightensLaterReservationsOfTheSameProviderAndFamilyWithinTheFloor() {
        long estimate = TokenEstimator.upperBound(request("Say hi", 100).withModel("deepseek-chat"), Tokenizer.DEEPSEEK);
        String key = "deepseek/DEEPSEEK";
        for (int i = 0; i < 5; i++) {
            enqueue("deepseek", ok("hi", 5, 1));
            router.call(spec("execution", 100, 10, null));
        }
        enqueue("deepseek", ok("hi", (int) estimate, 1)); // one call billed its whole estimate
        router.call(spec("execution", 100, 10, null));
        enqueue("deepseek", ok("hi", 5, 1));
        router.call(spec("execution", 100, 10, null));

        List<BigDecimal> amounts = events.reservations.stream().map(Reservation::amount).toList();
        BigDecimal perToken = CostCalculator.inputRate(price(DEEPSEEK).pricesFor(estimate)).movePointLeft(6);
        BigDecimal saved = perToken.multiply(BigDecimal.valueOf(estimate - (long) Math.ceil(0.8 * estimate)));
        // Three calls of history before anything changes; then the estimate drops to the floor, 0.8 of the bound.
        assertThat(amounts.subList(0, 3)).allSatisfy(a -> assertThat(a).isEqualByComparingTo(amounts.get(0)));
        assertThat(amounts.get(3)).isEqualByComparingTo(amounts.get(0).subtract(saved));
        assertThat(amounts.get(5)).isEqualByComparingTo(amounts.get(3));
        // A call billed for its whole estimate puts the whole bound back at once.
        assertThat(amounts.get(6)).isEqualByComparingTo(amounts.get(0));
        assertThat(ledger.calibration().observations(key)).isEqualTo(7);
        assertThat(ledger.calibration().factor(key)).isEqualTo(1.0);
        assertThat(ledger.states()).noneMatch(ScopeState::hasOverrun);
    }

    // --- the happy path and fallback ---

    @Test
    void primarySucceedsWithOneChosenDecision() throws Exception {
        enqueue("deepseek", ok("Hello there", 12, 3));

        RoutedResponse routed = router.call(spec("execution", 1000, 100, null));

        assertThat(routed.model()).isEqualTo(ref(DEEPSEEK));
        assertThat(routed.family()).isEqualTo("deepseek");
        assertThat(routed.response().text()).isEqualTo("Hello there");
        assertThat(routed.decisions()).containsExactly(
                new RoutingDecision("execution", DEEPSEEK, Verdict.CHOSEN, "primary model"));
        assertThat(routed.cost()).isEqualTo(CostCalculator.cost(price(DEEPSEEK), new Usage(12, 0, 0, 0, 3, 0)));
        assertThat(events.log).containsExactly("decision execution: deepseek/deepseek-chat chosen, primary model",
                "success deepseek/deepseek-chat attempts=1 reason=primary model");
        JsonNode body = body("deepseek");
        assertThat(body.get("model").asText()).isEqualTo("deepseek-chat");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(1000);
        assertThat(servers.get("qwen").getRequestCount()).isZero();
        assertSettled(routed.cost().total());
    }

    @Test
    void retryableFailuresFallBackAfterRetriesAndCarryTheReason() throws Exception {
        enqueue("deepseek", error(503, UNAVAILABLE), error(503, UNAVAILABLE), error(503, UNAVAILABLE));
        enqueue("qwen", ok("from qwen", 20, 4));

        RoutedResponse routed = router.call(spec("execution", 1000, 100, null));

        assertThat(routed.model()).isEqualTo(ref(QWEN));
        assertThat(servers.get("deepseek").getRequestCount()).isEqualTo(3);
        assertThat(routed.decisions()).extracting(RoutingDecision::model, RoutingDecision::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DEEPSEEK, Verdict.CHOSEN),
                org.assertj.core.groups.Tuple.tuple(DEEPSEEK, Verdict.FELL_BACK),
                org.assertj.core.groups.Tuple.tuple(QWEN, Verdict.CHOSEN));
        String failure = "provider 'deepseek', model 'deepseek-chat': HTTP 503 provider server error: Service unavailable"
                + " (gave up after 3 attempts)";
        assertThat(routed.decisions().get(1).reason()).isEqualTo("provider server error (" + failure + ")");
        assertThat(routed.decisions().get(2).reason())
                .isEqualTo("deepseek/deepseek-chat fell back, provider server error (" + failure + ")");
        assertThat(events.attempts).extracting(a -> a.model + " " + a.attempt.number() + " " + a.attempt.outcome()
                + " fallingBack=" + a.fallingBack).containsExactly(
                "deepseek/deepseek-chat 1 RETRYING fallingBack=false",
                "deepseek/deepseek-chat 2 RETRYING fallingBack=false",
                "deepseek/deepseek-chat 3 FAILED fallingBack=true");
        assertThat(events.attempts).allSatisfy(a -> assertThat(a.reason).isEqualTo("primary model"));
        assertThat(events.successes).containsExactly("qwen/qwen3-coder-plus reason=" + routed.decisions().get(2).reason());
        assertThat(breaker.consecutiveFailures(DEEPSEEK)).isEqualTo(1);
        assertSettled(CostCalculator.cost(price(QWEN), new Usage(20, 0, 0, 0, 4, 0)).total());
    }

    @Test
    void aBadRequestDoesNotFallBack() {
        enqueue("deepseek", error(400,
                "{\"error\":{\"message\":\"Invalid 'temperature'\",\"type\":\"invalid_request_error\"}}"));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> router.call(spec("execution", 1000, 100, null)));

        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo("provider 'deepseek', model 'deepseek-chat': HTTP 400 invalid request:"
                + " Invalid 'temperature' (not retryable)");
        assertThat(servers.get("deepseek").getRequestCount()).isEqualTo(1);
        assertThat(servers.get("qwen").getRequestCount()).isZero();
        assertThat(events.attempts).singleElement().satisfies(a -> {
            assertThat(a.attempt.outcome()).isEqualTo(Attempt.Outcome.FAILED);
            assertThat(a.fallingBack).isFalse();
        });
        // A request the caller got wrong says nothing about the model's health.
        assertThat(breaker.consecutiveFailures(DEEPSEEK)).isZero();
        assertSettled(BigDecimal.ZERO);
    }

    @Test
    void anAuthenticationFailureFallsBackToAnotherProvider() throws Exception {
        enqueue("anthropic", error(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        enqueue("openai", ok("from gpt-5", 30, 7));

        RoutedResponse routed = router.call(spec("reasoning", 1000, 100, null));

        assertThat(routed.model()).isEqualTo(ref(GPT5));
        assertThat(servers.get("anthropic").getRequestCount()).isEqualTo(1); // not retried
        assertThat(routed.decisions().get(1)).isEqualTo(new RoutingDecision("reasoning", OPUS, Verdict.FELL_BACK,
                "authentication failed (provider 'anthropic', model 'claude-opus-4-5': HTTP 401 authentication failed:"
                        + " Incorrect API key provided (not retryable))"));
        assertThat(routed.decisions().get(2).reason()).startsWith("anthropic/claude-opus-4-5 fell back, authentication failed");
        assertThat(body("openai").get("model").asText()).isEqualTo("gpt-5");
        assertSettled(CostCalculator.cost(price(GPT5), new Usage(30, 0, 0, 0, 7, 0)).total());
    }

    // --- context windows ---

    @Test
    void aPromptAboveTheWindowSkipsTheModelBeforeAnyCall() throws Exception {
        ModelPrice base = price(DEEPSEEK);
        router = router(catalog.withOverrides(List.of(new ModelPrice(base.ref(), base.prices(), base.tiers(),
                base.source(), base.asOf(), 50L, base.maxOutputTokens(), base.family(), base.aliases()))));
        enqueue("qwen", ok("big", 300, 5));
        ChatRequest request = request("word ".repeat(200), 1000);
        long estimate = TokenEstimator.upperBound(request, Tokenizer.DEEPSEEK);

        RoutedResponse routed = router.call(spec("execution", request, 100, null, List.of(BUILD)));

        String reason = "prompt needs about " + estimate + " input tokens, its context window is 50";
        assertThat(estimate).isGreaterThan(50);
        assertThat(routed.decisions()).containsExactly(
                new RoutingDecision("execution", DEEPSEEK, Verdict.SKIPPED, reason),
                new RoutingDecision("execution", QWEN, Verdict.CHOSEN, "deepseek/deepseek-chat skipped, " + reason));
        assertThat(servers.get("deepseek").getRequestCount()).isZero();
        assertSettled(CostCalculator.cost(price(QWEN), new Usage(300, 0, 0, 0, 5, 0)).total());
    }

    @Test
    void theOutputCapShrinksToWhatTheWindowLeaves() throws Exception {
        ModelPrice base = price(DEEPSEEK);
        ChatRequest request = request("Say hi", 1000);
        long estimate = TokenEstimator.upperBound(request, Tokenizer.DEEPSEEK);
        router = router(catalog.withOverrides(List.of(new ModelPrice(base.ref(), base.prices(), base.tiers(),
                base.source(), base.asOf(), estimate + 300, base.maxOutputTokens(), base.family(), base.aliases()))));
        enqueue("deepseek", ok("hi", 10, 1));

        router.call(spec("execution", request, 100, null, List.of(BUILD)));

        assertThat(body("deepseek").get("max_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void aContextOverflowFromTheProviderFallsBackWithoutHurtingTheBreaker() throws Exception {
        enqueue("deepseek", error(400, OVERFLOW));
        enqueue("qwen", ok("long", 20, 10));

        RoutedResponse routed = router.call(spec("execution", 1000, 100, null));

        assertThat(routed.model()).isEqualTo(ref(QWEN));
        assertThat(servers.get("deepseek").getRequestCount()).isEqualTo(1);
        assertThat(routed.decisions().get(1).reason())
                .startsWith("prompt exceeds the model's context window (provider 'deepseek', model 'deepseek-chat': HTTP 400");
        assertThat(breaker.consecutiveFailures(DEEPSEEK)).isZero();
        assertSettled(CostCalculator.cost(price(QWEN), new Usage(20, 0, 0, 0, 10, 0)).total());
    }

    // --- circuit breaker ---

    @Test
    void theBreakerOpensAcrossCallsSkipsTheModelAndLetsOneTrialThroughAfterTheCooldown() throws Exception {
        for (int i = 0; i < 2; i++) {
            enqueue("deepseek", error(503, UNAVAILABLE), error(503, UNAVAILABLE), error(503, UNAVAILABLE));
            enqueue("qwen", ok("fallback " + i, 10, 2));
            RoutedResponse routed = router.call(spec("execution", 1000, 100, null));
            assertThat(routed.model()).isEqualTo(ref(QWEN));
            if (i == 1) {
                assertThat(routed.decisions().get(1).reason()).endsWith(
                        "; circuit opened for deepseek/deepseek-chat after 2 consecutive failures");
            }
        }
        assertThat(breaker.state(DEEPSEEK)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(servers.get("deepseek").getRequestCount()).isEqualTo(6);

        enqueue("qwen", ok("while open", 10, 2));
        RoutedResponse skipped = router.call(spec("execution", 1000, 100, null));
        assertThat(skipped.decisions()).containsExactly(
                new RoutingDecision("execution", DEEPSEEK, Verdict.SKIPPED, "circuit open after 2 consecutive failures"),
                new RoutingDecision("execution", QWEN, Verdict.CHOSEN,
                        "deepseek/deepseek-chat skipped, circuit open after 2 consecutive failures"));
        assertThat(events.log).contains(
                "decision execution: deepseek/deepseek-chat skipped, circuit open after 2 consecutive failures");
        assertThat(servers.get("deepseek").getRequestCount()).isEqualTo(6);

        clock.advance(Duration.ofSeconds(60));
        assertThat(breaker.state(DEEPSEEK)).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        enqueue("deepseek", ok("recovered", 10, 2));
        RoutedResponse trial = router.call(spec("execution", 1000, 100, null));
        assertThat(trial.model()).isEqualTo(ref(DEEPSEEK));
        assertThat(breaker.state(DEEPSEEK)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.consecutiveFailures(DEEPSEEK)).isZero();
    }

    @Test
    void aFailedTrialReopensTheBreakerAtOnce() throws Exception {
        openDeepseekBreaker();
        clock.advance(Duration.ofSeconds(61));
        enqueue("deepseek", error(503, UNAVAILABLE), error(503, UNAVAILABLE), error(503, UNAVAILABLE));
        enqueue("qwen", ok("q", 10, 2));

        RoutedResponse routed = router.call(spec("execution", 1000, 100, null));

        assertThat(routed.model()).isEqualTo(ref(QWEN));
        assertThat(breaker.state(DEEPSEEK)).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void aHalfOpenTrialRefusedByTheBudgetIsNotLost() throws Exception {
        openDeepseekBreaker();
        clock.advance(Duration.ofSeconds(61));
        ScopeId tiny = ScopeId.step("job#1/tiny");
        ledger.setCap(tiny, new BigDecimal("0.0000001"));

        assertThatThrownBy(() -> router.call(spec("execution", request("Say hi", 1000), 100, null, List.of(tiny, BUILD))))
                .isInstanceOf(BudgetExceededException.class);

        // The trial was never used, so the next call may still make it.
        enqueue("deepseek", ok("recovered", 10, 2));
        RoutedResponse routed = router.call(spec("execution", 1000, 100, null));
        assertThat(routed.model()).isEqualTo(ref(DEEPSEEK));
        assertThat(breaker.state(DEEPSEEK)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aHalfOpenTrialThatEndsInAContextOverflowIsNotLost() throws Exception {
        openDeepseekBreaker();
        clock.advance(Duration.ofSeconds(61));
        enqueue("deepseek", error(400, OVERFLOW));
        enqueue("qwen", ok("q", 10, 2));
        assertThat(router.call(spec("execution", 1000, 100, null)).model()).isEqualTo(ref(QWEN));

        enqueue("deepseek", ok("recovered", 10, 2));
        RoutedResponse routed = router.call(spec("execution", 1000, 100, null));
        assertThat(routed.model()).isEqualTo(ref(DEEPSEEK));
        assertThat(breaker.state(DEEPSEEK)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    // --- reviewer diversity ---

    @Test
    void theReviewLaneSkipsTheImplementersFamilyUnlessAllowed() throws Exception {
        enqueue("openai", ok("review by gpt-5", 40, 8));
        RoutedResponse review = router.call(spec("review", 1000, 100, "anthropic"));
        assertThat(review.model()).isEqualTo(ref(GPT5));
        assertThat(review.decisions()).containsExactly(
                new RoutingDecision("review", OPUS, Verdict.SKIPPED, "same family as the implementer (anthropic)"),
                new RoutingDecision("review", GPT5, Verdict.CHOSEN,
                        "anthropic/claude-opus-4-5 skipped, same family as the implementer (anthropic)"));
        assertThat(servers.get("anthropic").getRequestCount()).isZero();

        enqueue("anthropic", ok("review by opus", 40, 8));
        RoutedResponse allowed = router.call(spec("review-same", 1000, 100, "anthropic"));
        assertThat(allowed.model()).isEqualTo(ref(OPUS));
        assertThat(allowed.decisions()).containsExactly(
                new RoutingDecision("review-same", OPUS, Verdict.CHOSEN, "primary model"));
    }

    // --- budgets ---

    @Test
    void aCapThatAffordsFewerOutputTokensLowersMaxTokens() throws Exception {
        ChatRequest request = request("Say hi", 1000);
        long input = TokenEstimator.upperBound(request.withModel("deepseek-chat"), Tokenizer.DEEPSEEK);
        BigDecimal cap = CostCalculator.amount(input, new BigDecimal("0.28"))
                .add(CostCalculator.amount(500, new BigDecimal("0.42")));
        ledger.setCap(BUILD, cap);
        enqueue("deepseek", ok("hi", 10, 2));

        RoutedResponse routed = router.call(spec("execution", request, 100, null, List.of(BUILD)));

        assertThat(body("deepseek").get("max_tokens").asInt()).isEqualTo(500);
        String reason = "primary model; lowered from 1000 to 500 output tokens to fit build \"job#1\" (headroom "
                + Usd.format(cap) + ")";
        assertThat(routed.decisions()).containsExactly(new RoutingDecision("execution", DEEPSEEK, Verdict.CHOSEN, reason));
        assertThat(events.successes).containsExactly("deepseek/deepseek-chat reason=" + reason);
        assertThat(events.reservations).singleElement().satisfies(r -> {
            assertThat(r.outputTokens()).isEqualTo(500);
            assertThat(r.requestedOutputTokens()).isEqualTo(1000);
            assertThat(r.amount()).isEqualByComparingTo(cap);
        });
        assertSettled(CostCalculator.cost(price(DEEPSEEK), new Usage(10, 0, 0, 0, 2, 0)).total());
    }

    @Test
    void aModelTheCapCannotAffordIsRefusedAndACheaperOneUsed() throws Exception {
        ChatRequest request = request("Plan the change", 1000);
        long opusInput = TokenEstimator.upperBound(request.withModel("claude-opus-4-5"), Tokenizer.ANTHROPIC);
        long gptInput = TokenEstimator.upperBound(request.withModel("gpt-5"), Tokenizer.O200K);
        // Enough for gpt-5 at its floor, not for opus at its floor.
        BigDecimal cap = CostCalculator.amount(gptInput, new BigDecimal("1.25"))
                .add(CostCalculator.amount(100, BigDecimal.TEN));
        // Opus input is reserved at its 5-minute cache-write rate (6.25 > 5): the system prompt may be written.
        BigDecimal opusFloor = CostCalculator.amount(opusInput, new BigDecimal("6.25"))
                .add(CostCalculator.amount(100, BigDecimal.valueOf(25)));
        assertThat(opusFloor).isGreaterThan(cap);
        ledger.setCap(BUILD, cap);
        enqueue("openai", ok("plan", 20, 50));

        RoutedResponse routed = router.call(spec("reasoning", request, 100, null, List.of(BUILD)));

        assertThat(routed.model()).isEqualTo(ref(GPT5));
        String refusal = "budget refused: build \"job#1\" cap " + Usd.format(cap) + ", spent $0.00 (reserved $0.00 more),"
                + " call needs at least " + Usd.format(opusFloor) + " (input "
                + Usd.format(CostCalculator.amount(opusInput, new BigDecimal("6.25"))) + " + 100 output tokens $0.0025)";
        assertThat(events.refusals).containsExactly("anthropic/claude-opus-4-5 reason=primary model: " + refusal);
        assertThat(routed.decisions().get(0)).isEqualTo(
                new RoutingDecision("reasoning", OPUS, Verdict.SKIPPED, "budget: " + refusal));
        assertThat(body("openai").get("max_tokens").asInt()).isEqualTo(100);
        assertThat(servers.get("anthropic").getRequestCount()).isZero();
        assertSettled(CostCalculator.cost(price(GPT5), new Usage(20, 0, 0, 0, 50, 0)).total());
    }

    @Test
    void whenNoModelFitsTheBudgetTheRefusalNamesScopeCapSpendAndNeed() throws Exception {
        ledger.setCap(BUILD, new BigDecimal("0.00001"));
        ChatRequest request = request("Say hi", 1000);
        long dsInput = TokenEstimator.upperBound(request.withModel("deepseek-chat"), Tokenizer.DEEPSEEK);
        BigDecimal dsInputCost = CostCalculator.amount(dsInput, new BigDecimal("0.28"));
        BigDecimal dsFloor = dsInputCost.add(CostCalculator.amount(100, new BigDecimal("0.42")));

        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> router.call(spec("execution", request, 100, null, List.of(ScopeId.call("c"), BUILD))));

        // The cheapest model's need is what the budget would have to allow.
        assertThat(e.getMessage()).isEqualTo("budget refused: build \"job#1\" cap $0.00001, spent $0.00 (reserved $0.00 more),"
                + " call needs at least " + Usd.format(dsFloor) + " (input " + Usd.format(dsInputCost)
                + " + 100 output tokens $0.000042)");
        assertThat(e.scope()).isEqualTo(BUILD);
        assertThat(events.refusals).hasSize(2);
        assertThat(servers.get("deepseek").getRequestCount()).isZero();
        assertThat(servers.get("qwen").getRequestCount()).isZero();
        assertThat(ledger.openReservations()).isEmpty();
        assertThat(ledger.state(BUILD).settled()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void failedAttemptsSettleWhatTheProviderBilled() throws Exception {
        // A stream that breaks off after usage arrived is billed; the retry then succeeds.
        String partial = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"deepseek-chat\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":5,\"total_tokens\":16}}\n\n";
        enqueue("deepseek", Responses.sse(partial));
        enqueue("deepseek", Responses.sse(io.ailanes.engine.testing.Sse.complete("ok")));
        ChatRequest streamed = new ChatRequest("x", null, List.of(io.ailanes.engine.provider.Message.user("Say hi")),
                1000, null, null, null, true);

        RoutedResponse routed = router.call(spec("execution", streamed, 100, null, List.of(BUILD)));

        assertThat(routed.response().attempts()).isEqualTo(2);
        BigDecimal billed = events.attempts.stream().map(a -> a.cost.total()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(billed).isEqualByComparingTo(CostCalculator.cost(price(DEEPSEEK), events.attempts.get(0).attempt.usage()).total());
        assertSettled(billed.add(routed.cost().total()));
    }

    // --- nothing available, escalation ---

    @Test
    void whenEveryModelFailsTheExceptionListsEachWithItsReason() {
        enqueue("deepseek", error(503, UNAVAILABLE), error(503, UNAVAILABLE), error(503, UNAVAILABLE));
        enqueue("qwen", error(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}"),
                error(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}"),
                error(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}"));

        NoModelAvailableException e = catchThrowableOfType(NoModelAvailableException.class,
                () -> router.call(spec("execution", 1000, 100, null)));

        assertThat(e.getMessage()).isEqualTo("lane 'execution': no model could take the call: "
                + "deepseek/deepseek-chat fell back, provider server error (provider 'deepseek', model 'deepseek-chat':"
                + " HTTP 503 provider server error: Service unavailable (gave up after 3 attempts)); "
                + "qwen/qwen3-coder-plus failed, rate limited (provider 'qwen', model 'qwen3-coder-plus': HTTP 429 rate"
                + " limited: Rate limit reached (gave up after 3 attempts))");
        assertThat(e.getCause()).isInstanceOf(ProviderException.class);
        assertThat(e.decisions()).extracting(RoutingDecision::verdict).containsExactly(
                Verdict.CHOSEN, Verdict.FELL_BACK, Verdict.CHOSEN, Verdict.FAILED);
        assertThat(events.attempts.get(events.attempts.size() - 1).fallingBack).isFalse();
        assertSettled(BigDecimal.ZERO);
    }

    @Test
    void whenEveryModelIsSkippedTheExceptionSaysWhy() {
        openDeepseekBreaker();
        // qwen's breaker too
        for (int i = 0; i < 2; i++) {
            breaker.recordFailure(QWEN);
        }

        NoModelAvailableException e = catchThrowableOfType(NoModelAvailableException.class,
                () -> router.call(spec("execution", 1000, 100, null)));

        assertThat(e.getMessage()).isEqualTo("lane 'execution': no model could take the call: "
                + "deepseek/deepseek-chat skipped, circuit open after 2 consecutive failures; "
                + "qwen/qwen3-coder-plus skipped, circuit open after 2 consecutive failures");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void escalationFollowsEscalateTo() {
        assertThat(router.escalation("execution")).map(Lane::name).contains("reasoning");
        assertThat(router.escalation("reasoning")).isEmpty();
        assertThatThrownBy(() -> router.escalation("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no lane 'nope'; configured lanes: ");
        assertThatThrownBy(() -> router.call(spec("nope", 1000, 100, null)))
                .hasMessageStartingWith("no lane 'nope'");
    }

    // --- helpers ---

    private void openDeepseekBreaker() {
        breaker.recordFailure(DEEPSEEK);
        breaker.recordFailure(DEEPSEEK);
        assertThat(breaker.state(DEEPSEEK)).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private void assertSettled(BigDecimal expected) {
        assertThat(ledger.openReservations()).isEmpty();
        ScopeState build = ledger.state(BUILD);
        assertThat(build.reserved()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(build.settled()).isEqualByComparingTo(expected);
        assertThat(build.hasOverrun()).isFalse();
    }

    private CallSpec spec(String lane, int maxTokens, long floor, String avoidFamily) {
        return spec(lane, request("Say hi", maxTokens), floor, avoidFamily, List.of(BUILD));
    }

    private CallSpec spec(String lane, ChatRequest request, long floor, String avoidFamily, List<ScopeId> chain) {
        return new CallSpec("job#1/" + ++calls, "implement", lane, request, floor, avoidFamily, chain, null, null, Map.of());
    }

    private static ChatRequest request(String text, int maxTokens) {
        return ChatRequest.builder("placeholder").user(text).maxOutputTokens(maxTokens).build();
    }

    private ModelPrice price(String ref) {
        return catalog.require(ref);
    }

    private static ModelRef ref(String text) {
        return ModelRef.parse(text);
    }

    private void enqueue(String provider, MockResponse... responses) {
        for (MockResponse response : responses) {
            servers.get(provider).enqueue(response);
        }
    }

    private JsonNode body(String provider) throws InterruptedException {
        return Json.tryParse(servers.get(provider).takeRequest().getBody().utf8()).orElseThrow();
    }

    static MockResponse ok(String text, int prompt, int completion) {
        return Responses.json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}");
    }

    static MockResponse error(int status, String body) {
        return Responses.json(status, body);
    }

    /** Everything the router reports. */
    private static final class Recorder implements RouterListener {
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<AttemptEvent> attempts = new CopyOnWriteArrayList<>();
        final List<String> successes = new CopyOnWriteArrayList<>();
        final List<String> refusals = new CopyOnWriteArrayList<>();
        final List<Reservation> reservations = new ArrayList<>();

        @Override
        public void onDecision(CallSpec call, RoutingDecision decision) {
            log.add("decision " + decision);
        }

        @Override
        public void onAttempt(CallSpec call, ModelRef model, Attempt attempt, Cost cost, Reservation reservation,
                String routingReason, boolean fallingBack) {
            attempts.add(new AttemptEvent(model.toString(), attempt, cost, routingReason, fallingBack));
        }

        @Override
        public void onSuccess(CallSpec call, ModelRef model, Attempt attempt, ChatResponse response, Cost cost,
                Reservation reservation, String routingReason) {
            log.add("success " + model + " attempts=" + response.attempts() + " reason=" + routingReason);
            successes.add(model + " reason=" + routingReason);
            reservations.add(reservation);
        }

        @Override
        public void onRefused(CallSpec call, ModelRef model, BudgetExceededException refusal, String routingReason) {
            refusals.add(model + " reason=" + routingReason + ": " + refusal.getMessage());
        }
    }

    private record AttemptEvent(String model, Attempt attempt, Cost cost, String reason, boolean fallingBack) {}
}
