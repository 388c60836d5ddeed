package io.ailanes.engine.provider.http;

import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Usage;

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

    /**
     * Handles an event as the reader holds it, as bytes valid until the reader's next event; what
     * {@link ProviderClient} calls. The default decodes the data to a string for {@link #accept(SseEvent,
     * CallListener)}; a decoder that can read the bytes directly overrides it, with the same outcome.
     *
     * @throws WireException for an error event or an event of the wrong shape
     */
    default void accept(SseBytes event, CallListener listener) {
        accept(event.toEvent(), listener);
    }

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
