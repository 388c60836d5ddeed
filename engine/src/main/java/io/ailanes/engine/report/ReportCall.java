package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP attempt of one model call, as the report sees it (filled from an audit line). The report's own
 * neutral input: it knows nothing of the audit format or of prices.
 *
 * @param seq the audit sequence number
 * @param timestamp when the attempt ended
 * @param callId the logical call; retries and fallbacks of one call share it
 * @param attempt 1 for the first attempt of the call
 * @param step the pipeline step (plan, implement, review, ...)
 * @param lane the lane that routed the call (reasoning, execution, ...)
 * @param model {@code provider/model}
 * @param family the model family, or null
 * @param outcome SUCCEEDED, RETRYING, FAILED, FALLBACK, REFUSED or CANCELLED
 * @param usage the billed token counts (zero when nothing was billed)
 * @param costUsd the exact billed cost (zero when nothing was billed)
 * @param latencyMs wall time of the attempt
 * @param round the implement fix round (1 for the first implementation), null for other steps
 * @param errorMessage the error of a failed attempt, or null
 * @param routingReason why the router picked this lane and model, or null
 */
public record ReportCall(
        long seq,
        Instant timestamp,
        String callId,
        int attempt,
        String step,
        String lane,
        String model,
        String family,
        String outcome,
        Usage usage,
        BigDecimal costUsd,
        long latencyMs,
        Integer round,
        String errorMessage,
        String routingReason) {

    public static final String SUCCEEDED = "SUCCEEDED";

    public ReportCall {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(callId, "callId");
        step = orNone(step);
        lane = orNone(lane);
        model = orNone(model);
        outcome = outcome == null ? "UNKNOWN" : outcome;
        usage = usage == null ? Usage.ZERO : usage;
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        if (latencyMs < 0) {
            latencyMs = 0;
        }
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(outcome);
    }

    /** Whether the provider charged for this attempt: it succeeded, or it reported tokens or a cost anyway. */
    public boolean billed() {
        return succeeded() || usage.totalTokens() > 0 || costUsd.signum() != 0;
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "(none)" : value;
    }
}
