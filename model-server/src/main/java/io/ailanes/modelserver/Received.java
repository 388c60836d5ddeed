package io.ailanes.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the {@link ModelServer} received it, recorded before it is answered (so a test can see a call that
 * is still waiting for its answer).
 *
 * @param method the HTTP method
 * @param target the request target as sent: a path, or an absolute URL when the server is used as a proxy
 * @param headers the request headers, names case-insensitive
 * @param body the body when it is a JSON object, else null
 * @param proxyRefused whether the proxy gate answered it with 407 ({@link ModelServer#requireProxyAuthorization})
 */
public record Received(String method, String target, Map<String, List<String>> headers, JsonNode body,
        boolean proxyRefused) {

    public Received {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of the header {@code name} (any case), or null when the request has none. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the server went on to answer it as a provider: the proxy gate let it through. */
    boolean admitted() {
        return !proxyRefused;
    }
}
