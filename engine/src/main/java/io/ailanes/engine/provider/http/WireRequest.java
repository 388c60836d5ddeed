package io.ailanes.engine.provider.http;

import java.util.Map;

/**
 * An HTTP request an adapter built: POSTed as JSON.
 *
 * @param url the full URL
 * @param headers headers including authentication (never logged)
 * @param body the JSON body
 * @param stream whether the response is a server-sent-event stream
 */
public record WireRequest(String url, Map<String, String> headers, byte[] body, boolean stream) {

    public WireRequest {
        headers = Map.copyOf(headers);
    }
}
