package io.ailanes.engine.provider;

/** What went wrong with a call, and whether trying again can help. */
public enum ErrorKind {
    RATE_LIMITED(true, "rate limited"),
    OVERLOADED(true, "provider overloaded"),
    SERVER_ERROR(true, "provider server error"),
    CONFLICT(true, "request conflict"),
    REQUEST_TIMEOUT(true, "provider reported a request timeout"),
    CONNECTION(true, "connection failed"),
    TIMEOUT_CONNECT(true, "connect timeout"),
    TIMEOUT_FIRST_BYTE(true, "no response before the first-byte timeout"),
    TIMEOUT_IDLE(true, "stream stalled past the idle timeout"),
    TIMEOUT_TOTAL(false, "call exceeded its total timeout"),
    /** The body could not be understood (HTML error page, wrong JSON shape, truncated stream). */
    MALFORMED_RESPONSE(true, "malformed response"),
    AUTHENTICATION(false, "authentication failed"),
    PERMISSION(false, "permission denied"),
    NOT_FOUND(false, "not found"),
    BAD_REQUEST(false, "invalid request"),
    /** The prompt does not fit the model's context window: another model may take it, this one never will. */
    CONTEXT_OVERFLOW(false, "prompt exceeds the model's context window"),
    /** Billing quota used up: waiting will not help. */
    QUOTA_EXHAUSTED(false, "quota exhausted"),
    /** The provider blocked the prompt or the answer for safety reasons. */
    CONTENT_BLOCKED(false, "content blocked by the provider"),
    CANCELLED(false, "cancelled"),
    OTHER(false, "provider error");

    private final boolean retryable;
    private final String description;

    ErrorKind(boolean retryable, String description) {
        this.retryable = retryable;
        this.description = description;
    }

    /** Whether the same request may succeed if sent again (after a backoff). */
    public boolean retryable() {
        return retryable;
    }

    public String description() {
        return description;
    }

    /** The default classification of an HTTP status; adapters refine it from the error body. */
    public static ErrorKind ofStatus(int status) {
        return switch (status) {
            case 400, 413, 422 -> BAD_REQUEST;
            // 407: the proxy refused its credentials (HttpClient answers the first challenge itself).
            case 401, 407 -> AUTHENTICATION;
            case 402 -> QUOTA_EXHAUSTED;
            case 403 -> PERMISSION;
            case 404 -> NOT_FOUND;
            case 408 -> REQUEST_TIMEOUT;
            case 409 -> CONFLICT;
            case 429 -> RATE_LIMITED;
            case 529 -> OVERLOADED;
            default -> status >= 500 ? SERVER_ERROR : OTHER;
        };
    }
}
