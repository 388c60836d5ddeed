package io.ailanes.engine.run;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditLog;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.budget.Reservation;
import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.lane.CallSpec;
import io.ailanes.engine.lane.RouterListener;
import io.ailanes.engine.lane.RoutingDecision;
import io.ailanes.engine.price.Cost;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.Message;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes every attempt, fallback and refusal to the audit log, and every routing decision to the console. */
final class AuditingListener implements RouterListener {

    private final AuditLog audit;
    private final Console console;
    private final String runId;
    private final PriceCatalog catalog;
    private final Map<String, String> runAttributes;

    /**
     * @param runAttributes attributes every line carries (the premium model, the budget caps), so reports
     *     can be rebuilt from the audit alone
     */
    AuditingListener(AuditLog audit, Console console, String runId, PriceCatalog catalog,
            Map<String, String> runAttributes) {
        this.audit = audit;
        this.console = console;
        this.runId = runId;
        this.catalog = catalog;
        this.runAttributes = Map.copyOf(runAttributes);
    }

    @Override
    public void onDecision(CallSpec call, RoutingDecision decision) {
        console.line("[ai-lanes] " + decision);
    }

    @Override
    public void onAttempt(CallSpec call, ModelRef model, Attempt attempt, Cost cost, Reservation reservation,
            String routingReason, boolean fallingBack) {
        AuditOutcome outcome = switch (attempt.outcome()) {
            case RETRYING -> AuditOutcome.RETRYING;
            case SUCCEEDED -> AuditOutcome.SUCCEEDED;
            case FAILED -> attempt.error() != null && attempt.error().kind() == ErrorKind.CANCELLED
                    ? AuditOutcome.CANCELLED
                    : fallingBack ? AuditOutcome.FALLBACK : AuditOutcome.FAILED;
        };
        AuditEntry.Builder entry = base(call, model, routingReason)
                .attempt(attempt.number())
                .outcome(outcome)
                .usage(attempt.usage())
                .costUsd(cost.total())
                .reservedUsd(reservation.amount())
                .latencyMs(attempt.latency().toMillis())
                .prompt(promptText(call.request()));
        if (attempt.error() != null) {
            entry.error(attempt.error().kind(), attempt.httpStatus(), attempt.error().getMessage());
        }
        audit.append(entry.build());
        if (attempt.outcome() == Attempt.Outcome.RETRYING) {
            console.line("[ai-lanes] " + model + " attempt " + attempt.number() + " failed ("
                    + attempt.error().kind().description() + "); retrying in " + attempt.backoff().toMillis() + " ms");
        }
    }

    @Override
    public void onSuccess(CallSpec call, ModelRef model, Attempt attempt, ChatResponse response, Cost cost,
            Reservation reservation, String routingReason) {
        audit.append(base(call, model, routingReason)
                .attempt(response.attempts())
                .outcome(AuditOutcome.SUCCEEDED)
                .httpStatus(attempt == null ? null : attempt.httpStatus())
                .usage(response.usage())
                .costUsd(cost.total())
                .reservedUsd(reservation.amount())
                .latencyMs(attempt == null ? response.latency().toMillis() : attempt.latency().toMillis())
                .prompt(promptText(call.request()))
                .response(response.text())
                .build());
    }

    @Override
    public void onRefused(CallSpec call, ModelRef model, BudgetExceededException refusal, String routingReason) {
        // Not printed: the routing decision that follows says the same, and the refusal itself ends the call.
        audit.append(base(call, model, routingReason)
                .attempt(0)
                .outcome(AuditOutcome.REFUSED)
                .error("BUDGET_EXCEEDED", null, refusal.getMessage())
                .costUsd(BigDecimal.ZERO)
                .prompt(promptText(call.request()))
                .build());
    }

    private AuditEntry.Builder base(CallSpec call, ModelRef model, String routingReason) {
        Map<String, String> attributes = new LinkedHashMap<>(runAttributes);
        attributes.putAll(call.attributes());
        catalog.find(model.toString()).ifPresent(price -> attributes.put(AuditReports.FAMILY, price.family()));
        return AuditEntry.builder()
                .runId(runId)
                .callId(call.callId())
                .step(call.step())
                .lane(call.lane())
                .provider(model.provider())
                .model(model.model())
                .routingReason(routingReason)
                .attributes(attributes);
    }

    /** The prompt as one text: what the audit hashes (and keeps, redacted, in full mode). */
    static String promptText(ChatRequest request) {
        StringBuilder text = new StringBuilder();
        if (request.system() != null) {
            text.append("system: ").append(request.system()).append("\n\n");
        }
        for (Message message : request.messages()) {
            text.append(message.role().name().toLowerCase(java.util.Locale.ROOT)).append(": ")
                    .append(message.text()).append("\n\n");
        }
        return text.toString();
    }
}
