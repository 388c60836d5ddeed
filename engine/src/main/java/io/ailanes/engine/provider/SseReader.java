package io.ailanes.engine.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events one at a time from a stream (WHATWG event-stream rules: {@code event:},
 * {@code data:} joined by newlines, comments, CR/LF/CRLF line ends). Holds one event at a time.
 */
public final class SseReader implements AutoCloseable {

    private final BufferedReader reader;

    public SseReader(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192);
    }

    /**
     * The next event, or null at the end of the stream. An event cut off by the end of the stream (no blank
     * line after it) is still returned: some servers omit the final blank line, and a truncated JSON payload
     * is caught by the decoder.
     */
    public SseEvent next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event == null ? "message" : event, data.toString());
                }
                event = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                default -> {
                    // id, retry and unknown fields carry nothing we use.
                }
            }
        }
        return data == null ? null : new SseEvent(event == null ? "message" : event, data.toString());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
