package io.ailanes.engine.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads server-sent events one at a time from a stream (WHATWG event-stream rules: {@code event:},
 * {@code data:} joined by newlines, comments, CR/LF/CRLF line ends, a leading byte-order mark). Works on the
 * bytes: line ends, field names and the BOM are ASCII or fixed byte sequences, so nothing is decoded to find
 * them, and a multi-byte character split between two reads is never split in the event's data, which stays
 * UTF-8 until a decoder reads it ({@link #nextBytes()}, typically straight into a JSON parser). One read
 * buffer and one data buffer, reused from event to event; holds one event at a time, and refuses an event
 * larger than {@link #MAX_EVENT_BYTES}.
 */
final class SseReader implements AutoCloseable {

    /** Far above any real chunk; a server streaming one endless line must not exhaust memory. */
    static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;
    /** Enough for any error object. */
    static final int MAX_STRAY_CHARS = 64 * 1024;

    private static final String MESSAGE = "message";

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private boolean started;

    /** A line that spans reads, assembled here; a line inside {@link #buffer} is used where it is. */
    private byte[] spill = new byte[256];
    private int spillLength;
    /** The current line: {@code lineBytes[lineStart, lineEnd)}. */
    private byte[] lineBytes;
    private int lineStart;
    private int lineEnd;

    private byte[] data = new byte[1024];
    private int dataLength;
    private final SseBytes current = new SseBytes();
    /** The last event name and its bytes: providers repeat a few names, so each is decoded once. */
    private byte[] nameBytes = new byte[0];
    private String name = MESSAGE;

    /** Lines that are no event-stream field: a server that reports an error mid-stream as plain JSON writes these. */
    private final StringBuilder stray = new StringBuilder();

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** What the stream held outside its events so far (lines that are no event-stream field), or "". */
    public String stray() {
        return stray.toString();
    }

    /**
     * The next event as a copy, or null at the end of the stream; see {@link #nextBytes()}.
     *
     * @throws WireException (malformed response) for an event larger than {@link #MAX_EVENT_BYTES}
     */
    public SseEvent next() throws IOException {
        SseBytes event = nextBytes();
        return event == null ? null : event.toEvent();
    }

    /**
     * The next event, or null at the end of the stream; the returned view (the same object every time) is valid
     * until the next call. An event cut off by the end of the stream (no blank line after it) is still
     * returned: some servers omit the final blank line, and a truncated JSON payload is caught by the decoder.
     *
     * @throws WireException (malformed response) for an event larger than {@link #MAX_EVENT_BYTES}
     */
    public SseBytes nextBytes() throws IOException {
        String event = null;
        boolean hasData = false;
        dataLength = 0;
        while (readLine(hasData ? dataLength : 0)) {
            byte[] b = lineBytes;
            int s = lineStart;
            int n = lineEnd - s;
            if (n == 0) {
                if (hasData) {
                    return current.set(event == null ? MESSAGE : event, data, dataLength);
                }
                event = null;
                continue;
            }
            if (b[s] == ':') {
                continue;
            }
            if (n >= 4 && b[s] == 'd' && b[s + 1] == 'a' && b[s + 2] == 't' && b[s + 3] == 'a' && (n == 4 || b[s + 4] == ':')) {
                int from = n == 4 ? s + 4 : valueStart(b, s + 5, lineEnd);
                if (hasData) {
                    appendData((byte) '\n');
                }
                appendData(b, from, lineEnd - from);
                hasData = true;
            } else if (startsWith(b, s, n, "event:")) {
                event = name(b, valueStart(b, s + 6, lineEnd), lineEnd);
            } else if (!startsWith(b, s, n, "id:") && !startsWith(b, s, n, "retry:") && stray.length() < MAX_STRAY_CHARS) {
                // id and retry carry nothing we use.
                String text = new String(b, s, n, StandardCharsets.UTF_8);
                stray.append(text, 0, Math.min(text.length(), MAX_STRAY_CHARS - stray.length())).append('\n');
            }
        }
        return hasData ? current.set(event == null ? MESSAGE : event, data, dataLength) : null;
    }

    /** Where a field's value starts: after the colon, less one leading space. */
    private static int valueStart(byte[] b, int colonEnd, int end) {
        return colonEnd < end && b[colonEnd] == ' ' ? colonEnd + 1 : colonEnd;
    }

    private static boolean startsWith(byte[] b, int s, int n, String ascii) {
        if (n < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[s + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The event name in {@code b[from, to)}; an empty name means "message". */
    private String name(byte[] b, int from, int to) {
        if (from == to) {
            return null;
        }
        if (!Arrays.equals(b, from, to, nameBytes, 0, nameBytes.length)) {
            nameBytes = Arrays.copyOfRange(b, from, to);
            name = new String(nameBytes, StandardCharsets.UTF_8);
        }
        return name;
    }

    private void appendData(byte b) {
        if (dataLength == data.length) {
            data = Arrays.copyOf(data, Math.min(grow(data.length, 1), MAX_EVENT_BYTES + 1));
        }
        data[dataLength++] = b;
    }

    private void appendData(byte[] b, int from, int n) {
        if (dataLength + n > data.length) {
            data = Arrays.copyOf(data, grow(data.length, dataLength + n));
        }
        System.arraycopy(b, from, data, dataLength, n);
        dataLength += n;
    }

    private static int grow(int length, int needed) {
        return Math.max(needed, length < MAX_EVENT_BYTES / 2 ? length * 2 : MAX_EVENT_BYTES + 2);
    }

    /** Reads one line, without its end (CR, LF or CRLF), into {@link #lineBytes}; false at the end of the stream. */
    private boolean readLine(int dataSoFar) throws IOException {
        if (!started) {
            started = true;
            dropByteOrderMark();
        }
        boolean spilled = false;
        spillLength = 0;
        while (true) {
            if (position == limit) {
                if (!fill()) {
                    if (!spilled) {
                        return false;
                    }
                    return line(spill, 0, spillLength);
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false; // a LF right after a CR belongs to the same line end
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            byte[] b = buffer;
            int start = position;
            int end = limit;
            int i = start;
            while (i < end && b[i] != '\n' && b[i] != '\r') {
                i++;
            }
            if (i < end) {
                skipLineFeed = b[i] == '\r';
                position = i + 1;
                if (!spilled) {
                    checkSize(i - start + dataSoFar);
                    return line(b, start, i);
                }
                spill(b, start, i - start);
                checkSize(spillLength + dataSoFar);
                return line(spill, 0, spillLength);
            }
            spill(b, start, i - start);
            spilled = true;
            position = i;
            checkSize(spillLength + dataSoFar);
        }
    }

    private boolean line(byte[] b, int start, int end) {
        lineBytes = b;
        lineStart = start;
        lineEnd = end;
        return true;
    }

    private void spill(byte[] b, int from, int n) {
        if (spillLength + n > spill.length) {
            spill = Arrays.copyOf(spill, Math.max(spillLength + n, spill.length * 2));
        }
        System.arraycopy(b, from, spill, spillLength, n);
        spillLength += n;
    }

    /** Refills the read buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    /** Skips a UTF-8 byte-order mark at the very start, even one split between reads. */
    private void dropByteOrderMark() throws IOException {
        while (limit < 3) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n <= 0) {
                break;
            }
            limit += n;
            if ((buffer[0] & 0xFF) != 0xEF || limit > 1 && (buffer[1] & 0xFF) != 0xBB) {
                return; // not a BOM: no need to wait for more bytes
            }
        }
        if (limit >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
            position = 3;
        }
    }

    private static void checkSize(int size) {
        if (size > MAX_EVENT_BYTES) {
            throw WireException.malformed("event stream event longer than " + MAX_EVENT_BYTES + " bytes");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
