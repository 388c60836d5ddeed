package io.ailanes.engine.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events one at a time from a stream (WHATWG event-stream rules: {@code event:},
 * {@code data:} joined by newlines, comments, CR/LF/CRLF line ends, a leading byte-order mark). Holds one
 * event at a time, and refuses an event larger than {@link #MAX_EVENT_CHARS}.
 */
public final class SseReader implements AutoCloseable {

    /** Far above any real chunk; a server streaming one endless line must not exhaust memory. */
    static final int MAX_EVENT_CHARS = 8 * 1024 * 1024;

    private final Reader reader;
    private final StringBuilder line = new StringBuilder();
    private boolean skipLineFeed;
    private boolean started;

    public SseReader(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192);
    }

    /**
     * The next event, or null at the end of the stream. An event cut off by the end of the stream (no blank
     * line after it) is still returned: some servers omit the final blank line, and a truncated JSON payload
     * is caught by the decoder.
     *
     * @throws WireException (malformed response) for an event larger than {@link #MAX_EVENT_CHARS}
     */
    public SseEvent next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String text;
        while ((text = readLine(data == null ? 0 : data.length())) != null) {
            if (text.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event == null || event.isEmpty() ? "message" : event, data.toString());
                }
                event = null;
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
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
        return data == null ? null : new SseEvent(event == null || event.isEmpty() ? "message" : event, data.toString());
    }

    /** One line without its end (CR, LF or CRLF), or null at the end of the stream. */
    private String readLine(int dataSoFar) throws IOException {
        line.setLength(0);
        while (true) {
            int c = reader.read();
            if (c < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (!started) {
                started = true;
                if (c == '\uFEFF') {
                    continue;
                }
            }
            if (c == '\n') {
                return line.toString();
            }
            if (c == '\r') {
                // A CR ends the line at once; a LF right after it belongs to the same line end.
                skipLineFeed = true;
                return line.toString();
            }
            if (line.length() + dataSoFar >= MAX_EVENT_CHARS) {
                throw WireException.malformed("event stream event longer than " + MAX_EVENT_CHARS + " characters");
            }
            line.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
