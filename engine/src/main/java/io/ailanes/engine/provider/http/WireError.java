package io.ailanes.engine.provider.http;

import io.ailanes.engine.provider.ErrorKind;
import java.time.Duration;

/**
 * An adapter's reading of an HTTP error response.
 *
 * @param kind the classification
 * @param message the provider's own error message (already short and free of credentials)
 * @param retryAfter a wait the provider asked for in the error body (Gemini's {@code google.rpc.RetryInfo}),
 *     or null; a {@code Retry-After} header takes precedence
 */
public record WireError(ErrorKind kind, String message, Duration retryAfter) {

    /** An error whose body names no wait. */
    public WireError(ErrorKind kind, String message) {
        this(kind, message, null);
    }
}
