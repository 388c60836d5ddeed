package io.ailanes.engine.provider;

/**
 * Turns one response stream's events into text deltas and, at the end, a {@link Reply}. One decoder per
 * attempt; it keeps only the text and counters, never the raw stream.
 */
public interface StreamDecoder {

    /**
     * Handles an event, passing any text to {@code listener}.
     *
     * @throws WireException for an error event or an event of the wrong shape
     */
    void accept(SseEvent event, CallListener listener);

    /** Whether the provider's end-of-stream marker has been seen (later bytes are ignored). */
    boolean complete();

    /**
     * The reply once the stream has ended.
     *
     * @throws WireException if the stream ended before its end marker (truncated)
     */
    Reply finish();

    /** Usage reported so far, for a stream that broke off (what the provider is likely to bill). */
    Usage usageSoFar();
}
