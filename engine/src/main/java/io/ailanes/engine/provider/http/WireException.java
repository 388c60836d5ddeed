package io.ailanes.engine.provider.http;

import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.Usage;

/**
 * Thrown by adapters when a body is unusable or reports an error (malformed JSON, a mid-stream error event,
 * a safety block). The client turns it into a {@link ProviderException} naming the provider and model.
 */
public final class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final transient Usage billed;

    public WireException(ErrorKind kind, String message) {
        this(kind, message, Usage.ZERO);
    }

    /**
     * @param billed what the provider reported for the failed exchange (e.g. prompt tokens of a blocked
     *     answer), so budgets and audit count it
     */
    public WireException(ErrorKind kind, String message, Usage billed) {
        super(message);
        this.kind = kind;
        this.billed = billed == null ? Usage.ZERO : billed;
    }

    public static WireException malformed(String message) {
        return new WireException(ErrorKind.MALFORMED_RESPONSE, message);
    }

    public ErrorKind kind() {
        return kind;
    }

    public Usage billed() {
        return billed;
    }
}
