package io.ailanes.engine.provider;

/** A configured endpoint that answers chat requests: retries, timeouts and classification included. */
public interface ChatProvider extends AutoCloseable {

    /** The configured provider id (e.g. {@code anthropic}, {@code deepseek}). */
    String id();

    ProviderKind kind();

    /**
     * Sends the request, retrying retryable failures per the provider's {@link RetryPolicy}.
     *
     * @throws ProviderException when the call fails for good; its {@link ProviderException#retryable()}
     *     tells a lane whether another model may be tried
     */
    ChatResponse chat(ChatRequest request, CallListener listener, Cancellation cancellation);

    default ChatResponse chat(ChatRequest request) {
        return chat(request, CallListener.NONE, Cancellation.none());
    }

    @Override
    void close();
}
