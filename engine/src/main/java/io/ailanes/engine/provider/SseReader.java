package io.ailanes.engine.provider;

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
    /** Enough for any error object. */
    static final int MAX_STRAY_CHARS = 64 * 1024;

    /** What the stream held outside its events so far (lines that are no event-stream field), or "". */
    public String stray() {
        return stray.toString();
    }

    private final Reader reader;
    private final StringBuilder line = new StringBuilder();
    // Our own buffer: a char at a time through BufferedReader.read() takes a lock per character.
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private boolean started;
    /** Lines that are no event-stream field: a server that reports an error mid-stream as plain JSON writes these. */
    private final StringBuilder stray = new StringBuilder();

    public SseReader(InputStream in) {
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
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
        String data = null; // the usual single data line, kept without copying
        StringBuilder more = null; // only for events with several data lines
        String text;
        while ((text = readLine(data == null ? 0 : more == null ? data.length() : more.length())) != null) {
            if (text.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event == null || event.isEmpty() ? "message" : event,
                            more == null ? data : more.toString());
                }
                event = null;
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            if (text.startsWith("data:") || text.equals("data")) {
                String value = text.length() == 4 ? "" : value(text, 5);
                if (data == null) {
                    data = value;
                } else {
                    if (more == null) {
                        more = new StringBuilder(data);
                    }
                    more.append('\n').append(value);
                    data = "";
                }
            } else if (text.startsWith("event:")) {
                event = value(text, 6);
            } else if (!text.startsWith("id:") && !text.startsWith("retry:") && stray.length() < MAX_STRAY_CHARS) {
                stray.append(text, 0, Math.min(text.length(), MAX_STRAY_CHARS - stray.length())).append('\n');
            }
            // id and retry carry nothing we use.
        }
        return data == null ? null : new SseEvent(event == null || event.isEmpty() ? "message" : event,
                more == null ? data : more.toString());
    }

    /** The field's value: what follows the colon, less one leading space. */
    private static String value(String line, int colonEnd) {
        return line.startsWith(" ", colonEnd) ? line.substring(colonEnd + 1) : line.substring(colonEnd);
    }

    /** One line without its end (CR, LF or CRLF), or null at the end of the stream. */
    private String readLine(int dataSoFar) throws IOException {
        line.setLength(0);
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.length() == 0 ? null : line.toString();
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            if (!started) {
                started = true;
                if (buffer[position] == '\uFEFF') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit) {
                char c = buffer[position];
                if (c == '\n' || c == '\r') {
                    line.append(buffer, start, position - start);
                    position++;
                    skipLineFeed = c == '\r'; // a LF right after a CR belongs to the same line end
                    checkSize(dataSoFar);
                    return line.toString();
                }
                position++;
            }
            line.append(buffer, start, position - start);
            checkSize(dataSoFar);
        }
    }

    private void checkSize(int dataSoFar) {
        if (line.length() + dataSoFar > MAX_EVENT_CHARS) {
            throw WireException.malformed("event stream event longer than " + MAX_EVENT_CHARS + " characters");
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
