package io.ailanes.engine.provider.http;

import io.ailanes.engine.provider.ChatRequest;
import java.util.Map;

/**
 * One provider's wire format: builds requests and reads replies and errors. Adapters do no I/O; the
 * {@link ProviderClient} sends, times, retries and classifies.
 */
public interface ProviderAdapter {

    /** The request for {@code request} (URL, headers with credentials, JSON body). */
    WireRequest toWire(ChatRequest request);

    /**
     * Reads a complete (non-streamed) 2xx body.
     *
     * @throws WireException if the body is not a usable reply
     */
    Reply parseReply(byte[] body);

    /** A decoder for one streamed response. */
    StreamDecoder streamDecoder(ChatRequest request);

    /**
     * Reads an error response (a non-2xx status, or a bare JSON error object where a stream was expected).
     *
     * @param status the HTTP status
     * @param headers response headers, names in lower case
     * @param body the body, possibly empty, HTML or JSON
     */
    WireError parseError(int status, Map<String, String> headers, String body);
}
