package io.ailanes.engine.audit;

import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One attempt, as one audit line. Everything a cost report needs is here, so reports can be rebuilt from the
 * audit alone.
 *
 * <p><b>Hashes and text.</b> {@code promptSha256} and {@code responseSha256} are taken over the exact text
 * sent and received (UTF-8), so a line can be matched against the provider's own logs; the text fields, kept
 * only in {@link AuditMode#FULL}, hold that text after redaction. The hash of a redacted text would match
 * nothing outside the audit. Hashing text that contained a secret does not expose it: SHA-256 of a whole
 * prompt cannot be turned back into the secret.
 *
 * @param seq 1-based position in the log, assigned by {@link AuditLog} (0 before it is appended)
 * @param timestamp when the attempt ended; the log fills in the current time when null
 * @param runId the build or CLI run
 * @param callId the logical call; retries and fallbacks of one call share it
 * @param attempt 1 for the first attempt of the call
 * @param step the workflow step (plan, implement, review, ...)
 * @param lane the lane (reasoning, execution)
 * @param provider the provider id from the configuration
 * @param model the model id sent to the provider
 * @param routingReason why this lane and model were chosen
 * @param outcome how the attempt ended
 * @param errorKind an {@link ErrorKind} name, or an engine reason such as {@code BUDGET_EXCEEDED}; null on success
 * @param httpStatus the response status, or null when no response arrived
 * @param errorMessage what went wrong, or null
 * @param usage tokens billed, by kind
 * @param costUsd the exact cost of this attempt in USD
 * @param reservedUsd what the budget reserved before the attempt, or null when nothing was reserved
 * @param latencyMs how long the attempt took
 * @param promptSha256 SHA-256 hex of the exact prompt sent, or null when nothing was sent
 * @param responseSha256 SHA-256 hex of the exact response received, or null when nothing was received
 * @param promptText the redacted prompt, only in {@link AuditMode#FULL}
 * @param responseText the redacted response, only in {@link AuditMode#FULL}
 * @param attributes further fields (round, budget scope, ...), sorted by name
 */
public record AuditEntry(
        long seq,
        Instant timestamp,
        String runId,
        String callId,
        int attempt,
        String step,
        String lane,
        String provider,
        String model,
        String routingReason,
        AuditOutcome outcome,
        String errorKind,
        Integer httpStatus,
        String errorMessage,
        Usage usage,
        BigDecimal costUsd,
        BigDecimal reservedUsd,
        long latencyMs,
        String promptSha256,
        String responseSha256,
        String promptText,
        String responseText,
        Map<String, String> attributes) {

    public AuditEntry {
        Objects.requireNonNull(outcome, "outcome");
        usage = usage == null ? Usage.ZERO : usage;
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(attributes));
        requireHash(promptSha256, "promptSha256");
        requireHash(responseSha256, "responseSha256");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.seq = seq;
        b.timestamp = timestamp;
        b.runId = runId;
        b.callId = callId;
        b.attempt = attempt;
        b.step = step;
        b.lane = lane;
        b.provider = provider;
        b.model = model;
        b.routingReason = routingReason;
        b.outcome = outcome;
        b.errorKind = errorKind;
        b.httpStatus = httpStatus;
        b.errorMessage = errorMessage;
        b.usage = usage;
        b.costUsd = costUsd;
        b.reservedUsd = reservedUsd;
        b.latencyMs = latencyMs;
        b.promptSha256 = promptSha256;
        b.responseSha256 = responseSha256;
        b.promptText = promptText;
        b.responseText = responseText;
        b.attributes = new TreeMap<>(attributes);
        return b;
    }

    private static void requireHash(String value, String name) {
        if (value != null && !Sha256.isHash(value)) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hex digits");
        }
    }

    /** Builds entries field by field; {@link #prompt} and {@link #response} hash the exact text. */
    public static final class Builder {
        private long seq;
        private Instant timestamp;
        private String runId;
        private String callId;
        private int attempt = 1;
        private String step;
        private String lane;
        private String provider;
        private String model;
        private String routingReason;
        private AuditOutcome outcome;
        private String errorKind;
        private Integer httpStatus;
        private String errorMessage;
        private Usage usage = Usage.ZERO;
        private BigDecimal costUsd = BigDecimal.ZERO;
        private BigDecimal reservedUsd;
        private long latencyMs;
        private String promptSha256;
        private String responseSha256;
        private String promptText;
        private String responseText;
        private Map<String, String> attributes = new TreeMap<>();

        private Builder() {}

        public Builder seq(long value) {
            seq = value;
            return this;
        }

        public Builder timestamp(Instant value) {
            timestamp = value;
            return this;
        }

        public Builder runId(String value) {
            runId = value;
            return this;
        }

        public Builder callId(String value) {
            callId = value;
            return this;
        }

        public Builder attempt(int value) {
            attempt = value;
            return this;
        }

        public Builder step(String value) {
            step = value;
            return this;
        }

        public Builder lane(String value) {
            lane = value;
            return this;
        }

        public Builder provider(String value) {
            provider = value;
            return this;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder routingReason(String value) {
            routingReason = value;
            return this;
        }

        public Builder outcome(AuditOutcome value) {
            outcome = value;
            return this;
        }

        public Builder error(ErrorKind kind, Integer status, String message) {
            return error(kind == null ? null : kind.name(), status, message);
        }

        public Builder error(String kind, Integer status, String message) {
            errorKind = kind;
            httpStatus = status;
            errorMessage = message;
            return this;
        }

        public Builder httpStatus(Integer value) {
            httpStatus = value;
            return this;
        }

        public Builder usage(Usage value) {
            usage = value;
            return this;
        }

        public Builder costUsd(BigDecimal value) {
            costUsd = value;
            return this;
        }

        public Builder reservedUsd(BigDecimal value) {
            reservedUsd = value;
            return this;
        }

        public Builder latencyMs(long value) {
            latencyMs = value;
            return this;
        }

        /** The exact prompt sent: hashed as is, kept (redacted) as text only in FULL mode. */
        public Builder prompt(String exactText) {
            promptSha256 = exactText == null ? null : Sha256.hex(exactText);
            promptText = exactText;
            return this;
        }

        /** The exact response received: hashed as is, kept (redacted) as text only in FULL mode. */
        public Builder response(String exactText) {
            responseSha256 = exactText == null ? null : Sha256.hex(exactText);
            responseText = exactText;
            return this;
        }

        public Builder promptSha256(String value) {
            promptSha256 = value;
            return this;
        }

        public Builder responseSha256(String value) {
            responseSha256 = value;
            return this;
        }

        public Builder promptText(String value) {
            promptText = value;
            return this;
        }

        public Builder responseText(String value) {
            responseText = value;
            return this;
        }

        public Builder attribute(String name, String value) {
            attributes.put(name, value);
            return this;
        }

        public Builder attributes(Map<String, String> values) {
            attributes = new TreeMap<>(values);
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(seq, timestamp, runId, callId, attempt, step, lane, provider, model,
                    routingReason, outcome, errorKind, httpStatus, errorMessage, usage, costUsd, reservedUsd,
                    latencyMs, promptSha256, responseSha256, promptText, responseText, attributes);
        }
    }
}
