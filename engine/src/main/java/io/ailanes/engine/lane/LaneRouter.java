package io.ailanes.engine.lane;

import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.EstimatorCalibration;
import io.ailanes.engine.budget.Reservation;
import io.ailanes.engine.budget.Tokenizer;
import io.ailanes.engine.lane.RoutingDecision.Verdict;
import io.ailanes.engine.price.Cost;
import io.ailanes.engine.price.CostCalculator;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.TokenPrices;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.residency.ResidencyCheck;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes a call down a lane: skips models whose circuit is open, whose context window is too small, that
 * share the implementer's family (review), or that the budget cannot afford; reserves the worst case;
 * calls; settles to the billed cost; and on a failure another model may survive, falls back to the next.
 * Every decision carries a reason for the log and the audit.
 */
public final class LaneRouter {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, Lane> lanes;
    private final Map<String, ChatProvider> providers;
    private final PriceCatalog catalog;
    private final BudgetLedger ledger;
    private final CircuitBreaker breaker;
    private final InputEstimator estimator;
    private final RouterListener listener;
    private final ResidencyCheck residency;

    /** A router without a region policy. */
    public LaneRouter(
            Map<String, Lane> lanes,
            Map<String, ChatProvider> providers,
            PriceCatalog catalog,
            BudgetLedger ledger,
            CircuitBreaker breaker,
            InputEstimator estimator,
            RouterListener listener) {
        this(lanes, providers, catalog, ledger, breaker, estimator, listener, ResidencyCheck.NONE);
    }

    /**
     * @param residency the providers' regions and {@code policy.allowedRegions}: a model whose provider the policy refuses
     *     is skipped before anything is estimated, reserved or sent
     */
    public LaneRouter(
            Map<String, Lane> lanes,
            Map<String, ChatProvider> providers,
            PriceCatalog catalog,
            BudgetLedger ledger,
            CircuitBreaker breaker,
            InputEstimator estimator,
            RouterListener listener,
            ResidencyCheck residency) {
        this.residency = residency == null ? ResidencyCheck.NONE : residency;
        this.lanes = Map.copyOf(lanes);
        this.providers = Map.copyOf(providers);
        this.catalog = catalog;
        this.ledger = ledger;
        this.breaker = breaker;
        this.estimator = estimator;
        this.listener = listener;
    }

    public Lane lane(String name) {
        Lane lane = lanes.get(name);
        if (lane == null) {
            throw new IllegalArgumentException("no lane '" + name + "'; configured lanes: " + String.join(", ", lanes.keySet()));
        }
        return lane;
    }

    /** The lane an escalation from {@code lane} goes to, if the lane names one. */
    public Optional<Lane> escalation(String lane) {
        String next = lane(lane).escalateTo();
        return next == null ? Optional.empty() : Optional.of(lane(next));
    }

    /** The family of a model, from the catalog (or its configuration). */
    public String family(ModelRef model) {
        return catalog.require(model.toString()).family();
    }

    /**
     * Calls the first model of the lane that can take the call.
     *
     * @throws NoModelAvailableException when every model was skipped or failed
     * @throws BudgetExceededException when the budget refuses every model that was otherwise available
     * @throws ProviderException when a model fails in a way no other model would fix (a bad request)
     */
    public RoutedResponse call(CallSpec spec) {
        Lane lane = lane(spec.lane());
        List<RoutingDecision> decisions = new ArrayList<>();
        RuntimeException last = null;
        BudgetExceededException refusal = null;
        // Why the lane got past the models before this one: each skip and fallback, in order.
        List<String> passedOver = new ArrayList<>();
        List<ModelRef> models = lane.models();
        int outsideRegions = 0;
        for (int index = 0; index < models.size(); index++) {
            ModelRef ref = models.get(index);
            String key = ref.toString();
            boolean hasNext = index + 1 < models.size();
            // Data residency first: a refused provider gets no estimate, no reservation, no breaker trial, no request.
            Optional<String> outside = residency.refusal(ref.provider());
            if (outside.isPresent()) {
                outsideRegions++;
                listener.onRegionRefused(spec, ref, outside.get());
                passedOver.add(decide(spec, decisions, lane, ref, Verdict.SKIPPED, outside.get()));
                continue;
            }
            ModelPrice price = catalog.require(key);
            String skip = skipReason(lane, spec, ref, price);
            if (skip != null) {
                passedOver.add(decide(spec, decisions, lane, ref, Verdict.SKIPPED, skip));
                continue;
            }
            // From here the breaker may have granted this call its half-open trial: every way out that says
            // nothing about the model's health hands the trial back, or the model would be skipped for good.
            ChatRequest request = fitToModel(spec.request().withModel(ref.model()), price);
            long inputTokens = estimator.upperBound(request, price);
            Long window = price.contextWindow();
            if (window != null && inputTokens + spec.floorOutputTokens() > window) {
                breaker.releaseTrial(key);
                passedOver.add(decide(spec, decisions, lane, ref, Verdict.SKIPPED, "prompt needs about "
                        + inputTokens + " input tokens, its context window is " + window));
                continue;
            }
            if (window != null && inputTokens + request.maxOutputTokens() > window) {
                request = request.withMaxOutputTokens((int) Math.max(spec.floorOutputTokens(), window - inputTokens));
            }
            String reason = passedOver.isEmpty()
                    ? (ref.equals(lane.primary()) ? "primary model" : "fallback")
                    : String.join("; ", passedOver);
            // The reservation's input: the upper bound, tightened by what this provider's reports for the family
            // have shown (EstimatorCalibration: at most to 0.8 of it; unchanged without enough history).
            String calibrationKey = EstimatorCalibration.key(ref.provider(), Tokenizer.forModel(price.ref()));
            long reservedInput = ledger.calibration().apply(calibrationKey, inputTokens);
            Reservation reservation;
            try {
                reservation = reserve(spec, request, price, inputTokens, reservedInput);
            } catch (BudgetExceededException e) {
                breaker.releaseTrial(key);
                listener.onRefused(spec, ref, e, reason);
                // Of several refusals the cheapest model's tells what the budget would have to allow.
                refusal = refusal == null || e.needed().compareTo(refusal.needed()) < 0 ? e : refusal;
                passedOver.add(decide(spec, decisions, lane, ref, Verdict.SKIPPED, "budget: " + e.getMessage()));
                continue;
            }
            if (reservation.lowered()) {
                request = request.withMaxOutputTokens((int) reservation.outputTokens());
                reason = reason + "; " + reservation.loweredReason();
            }
            decide(spec, decisions, lane, ref, Verdict.CHOSEN, reason);
            AttemptCosts costs = new AttemptCosts(spec, ref, price, reservation, reason, hasNext, reservedInput);
            try {
                ChatResponse response = provider(ref).chat(request, costs, spec.cancellation());
                long reported = response.usage().totalInputTokens();
                ledger.settle(reservation, costs.total, calibrationKey == null || reported <= 0 || inputTokens <= 0 ? null
                        : new EstimatorCalibration.Observation(calibrationKey, inputTokens, reservedInput, reported));
                breaker.recordSuccess(key);
                Cost cost = CostCalculator.cost(price, response.usage());
                listener.onSuccess(spec, ref, costs.succeeded, response, cost, reservation, reason);
                return new RoutedResponse(ref, price.family(), response, cost, List.copyOf(decisions));
            } catch (ProviderException e) {
                ledger.settle(reservation, costs.total);
                last = e;
                String failure = e.kind().description() + " (" + e.getMessage() + ")";
                if (!countsAgainstHealth(e)) {
                    breaker.releaseTrial(key);
                } else if (breaker.recordFailure(key)) {
                    // The breaker's state belongs in the log: later calls will skip this model.
                    failure = failure + "; circuit opened for " + key + " after "
                            + breaker.consecutiveFailures(key) + " consecutive failures";
                }
                if (!fallsBack(e)) {
                    decide(spec, decisions, lane, ref, Verdict.FAILED, failure);
                    throw e;
                }
                passedOver.add(decide(spec, decisions, lane, ref, hasNext ? Verdict.FELL_BACK : Verdict.FAILED,
                        failure));
            } catch (RuntimeException e) {
                ledger.settle(reservation, costs.total);
                breaker.releaseTrial(key);
                throw e;
            }
        }
        if (last == null && refusal != null) {
            throw refusal;
        }
        if (outsideRegions == models.size()) {
            throw new NoModelAvailableException(lane.name(), decisions, null,
                    residency.policy().noModelAllowed(lane.name()));
        }
        throw new NoModelAvailableException(lane.name(), decisions, last);
    }

    /** Records a decision and returns it as a carried reason ({@code model skipped, why}). */
    private String decide(CallSpec spec, List<RoutingDecision> decisions, Lane lane, ModelRef ref, Verdict verdict,
            String reason) {
        RoutingDecision decision = new RoutingDecision(lane.name(), ref.toString(), verdict, reason);
        decisions.add(decision);
        listener.onDecision(spec, decision);
        return ref + " " + verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", " + reason;
    }

    private String skipReason(Lane lane, CallSpec spec, ModelRef ref, ModelPrice price) {
        if (!providers.containsKey(ref.provider())) {
            return "no provider '" + ref.provider() + "' is configured";
        }
        if (spec.avoidFamily() != null && !lane.allowSameFamily() && spec.avoidFamily().equals(price.family())) {
            return "same family as the implementer (" + price.family() + ")";
        }
        if (!breaker.tryAcquire(ref.toString())) {
            return "circuit open after " + breaker.consecutiveFailures(ref.toString()) + " consecutive failures";
        }
        return null;
    }

    private static ChatRequest fitToModel(ChatRequest request, ModelPrice price) {
        Long max = price.maxOutputTokens();
        return max != null && request.maxOutputTokens() > max
                ? request.withMaxOutputTokens((int) Math.min(Integer.MAX_VALUE, max))
                : request;
    }

    private Reservation reserve(CallSpec spec, ChatRequest request, ModelPrice price, long inputTokens, long reservedInput) {
        // Worst case: every input token at the dearest input rate of the tier the estimate selects (a prompt
        // cache write costs more than plain input), every output token at the dearer of output and reasoning.
        // The tier follows the uncalibrated bound: a calibrated estimate must never select a cheaper tier.
        TokenPrices rates = price.pricesFor(inputTokens);
        BigDecimal inputCost = CostCalculator.amount(reservedInput, CostCalculator.inputRate(rates));
        BigDecimal perToken = CostCalculator.outputRate(rates).divide(MILLION, MathContext.DECIMAL128);
        return ledger.reserveFitting(spec.budgetChain(), inputCost, perToken, request.maxOutputTokens(),
                Math.min(spec.floorOutputTokens(), request.maxOutputTokens()));
    }

    private ChatProvider provider(ModelRef ref) {
        return providers.get(ref.provider());
    }

    /** Failures another model may not suffer: the next model is tried. */
    static boolean fallsBack(ProviderException e) {
        return e.retryable() || switch (e.kind()) {
            case CONTEXT_OVERFLOW, AUTHENTICATION, PERMISSION, NOT_FOUND, QUOTA_EXHAUSTED, TIMEOUT_TOTAL -> true;
            default -> false;
        };
    }

    /** Failures that say the model (or its provider) is unwell, as opposed to this request being wrong. */
    private static boolean countsAgainstHealth(ProviderException e) {
        return switch (e.kind()) {
            case CONTEXT_OVERFLOW, BAD_REQUEST, CONTENT_BLOCKED, CANCELLED -> false;
            default -> true;
        };
    }

    /**
     * A call cancelled after the provider began answering (it sent a status) was accepted and may be billed for its
     * input, but a cut stream reports no usage. Such an attempt is counted at the estimated input (the reservation's
     * upper bound, at the input rate), never at $0, and its audit line says the usage is estimated. Output the model
     * produced before the cut is not known and not counted.
     */
    static Attempt withUnreportedInput(Attempt attempt, long estimatedInputTokens) {
        ProviderException error = attempt.error();
        boolean unreported = attempt.usage() == null || attempt.usage().equals(Usage.ZERO);
        if (error == null || error.kind() != ErrorKind.CANCELLED || attempt.httpStatus() == null || !unreported) {
            return attempt;
        }
        ProviderException marked = new ProviderException(error.providerId(), error.model(), error.kind(),
                error.retryable(), attempt.httpStatus(), ESTIMATED_ON_CANCEL + estimatedInputTokens
                        + " input tokens (estimated upper bound)", null, error.attempts(), null);
        return new Attempt(attempt.number(), attempt.outcome(), attempt.httpStatus(), marked,
                new Usage(estimatedInputTokens, 0, 0, 0, 0, 0), attempt.latency(), attempt.backoff());
    }

    /** How the audit line of a cancelled attempt with estimated input begins its message. */
    public static final String ESTIMATED_ON_CANCEL = "cancelled after the provider began answering; no usage is reported"
            + " for a cut stream, so its input is counted as billed: ";

    /** Prices each attempt as it ends and passes it on; sums what the provider billed for the settlement. */
    private final class AttemptCosts implements CallListener {
        private final CallSpec spec;
        private final ModelRef ref;
        private final ModelPrice price;
        private final Reservation reservation;
        private final String reason;
        private final boolean hasNext;
        private final long estimatedInputTokens;
        private BigDecimal total = BigDecimal.ZERO;
        private Attempt succeeded;

        AttemptCosts(CallSpec spec, ModelRef ref, ModelPrice price, Reservation reservation, String reason,
                boolean hasNext, long estimatedInputTokens) {
            this.estimatedInputTokens = estimatedInputTokens;
            this.hasNext = hasNext;
            this.spec = spec;
            this.ref = ref;
            this.price = price;
            this.reservation = reservation;
            this.reason = reason;
        }

        @Override
        public void onText(String delta) {
            spec.text().onText(delta);
        }

        @Override
        public void onAttempt(Attempt attempt) {
            attempt = withUnreportedInput(attempt, estimatedInputTokens);
            Usage usage = attempt.usage() == null ? Usage.ZERO : attempt.usage();
            Cost cost = CostCalculator.cost(price, usage);
            total = total.add(cost.total());
            if (attempt.outcome() == Attempt.Outcome.SUCCEEDED) {
                succeeded = attempt; // reported with the response text once the call returns
            } else {
                // The caller's text listener learns that what this attempt streamed is void.
                spec.text().onAttempt(attempt);
                boolean fallingBack = attempt.outcome() == Attempt.Outcome.FAILED && hasNext
                        && attempt.error() != null && fallsBack(attempt.error());
                listener.onAttempt(spec, ref, attempt, cost, reservation, reason, fallingBack);
            }
        }
    }
}
