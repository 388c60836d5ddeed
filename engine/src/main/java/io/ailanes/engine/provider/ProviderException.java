package io.ailanes.engine.provider;

import io.ailanes.engine.error.AiLanesException;
import io.ailanes.engine.redact.SecretRedactor;
import java.time.Duration;
import java.util.Optional;

/**
 * A classified provider failure. Its message names the provider, the model, the HTTP status and the
 * provider's own error message; it never contains a credential (adapters build it only from the
 * response, and {@link SecretRedactor} scrubs the configured key from it once more).
 */
public final class ProviderException extends AiLanesException {

    private static final long serialVersionUID = 1L;

    private final String providerId;
    private final String model;
    private final ErrorKind kind;
    private final boolean retryable;
    private final Integer httpStatus;
    private final String providerMessage;
    private final transient Duration retryAfter;
    private final int attempts;

    public ProviderException(
            String providerId,
            String model,
            ErrorKind kind,
            boolean retryable,
            Integer httpStatus,
            String providerMessage,
            Duration retryAfter,
            int attempts,
            Throwable cause) {
        super(format(providerId, model, kind, retryable, httpStatus, providerMessage, attempts), cause);
        this.providerId = providerId;
        this.model = model;
        this.kind = kind;
        this.retryable = retryable;
        this.httpStatus = httpStatus;
        this.providerMessage = providerMessage;
        this.retryAfter = retryAfter;
        this.attempts = attempts;
    }

    /** A failure classified by its kind's default retryability. */
    public static ProviderException of(
            String providerId, String model, ErrorKind kind, Integer httpStatus, String providerMessage) {
        return new ProviderException(
                providerId, model, kind, kind.retryable(), httpStatus, providerMessage, null, 1, null);
    }

    /** The same failure, after {@code count} attempts, with the secret scrubbed from its message. */
    public ProviderException afterAttempts(int count, SecretRedactor redactor) {
        ProviderException copy = new ProviderException(
                providerId, model, kind, retryable, httpStatus, redactor.redact(providerMessage), retryAfter, count,
                null);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public String providerId() {
        return providerId;
    }

    public String model() {
        return model;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Whether sending the same request again may succeed; lane fallback also keys on this. */
    public boolean retryable() {
        return retryable;
    }

    public Optional<Integer> httpStatus() {
        return Optional.ofNullable(httpStatus);
    }

    public String providerMessage() {
        return providerMessage;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public int attempts() {
        return attempts;
    }

    private static String format(
            String providerId, String model, ErrorKind kind, boolean retryable, Integer status, String message,
            int attempts) {
        StringBuilder text = new StringBuilder();
        text.append("provider '").append(providerId).append("', model '").append(model).append("': ");
        if (status != null) {
            text.append("HTTP ").append(status).append(' ');
        }
        text.append(kind.description());
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message.strip());
        }
        // After retries the call gave up: "retryable" there would read as if it might still be retried.
        if (attempts > 1) {
            return text.append(" (gave up after ").append(attempts).append(" attempts)").toString();
        }
        return text.append(" (").append(retryable ? "retryable" : "not retryable").append(')').toString();
    }

    @Override
    public Category category() {
        return Category.PROVIDER;
    }
}
