package io.ailanes.engine.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One server-sent event as the {@link SseReader} holds it: its name and its data as UTF-8 bytes, in a buffer
 * the reader reuses. Valid until the reader's next call; {@link #text()} or {@link #toEvent()} keep it.
 * Nothing is decoded until asked for, so a decoder can hand the bytes straight to a JSON parser.
 */
public final class SseBytes {

    private String event = "message";
    private byte[] data = new byte[0];
    private int length;

    SseBytes set(String event, byte[] data, int length) {
        this.event = event;
        this.data = data;
        this.length = length;
        return this;
    }

    /** The {@code event:} field, or {@code "message"} when absent. */
    public String event() {
        return event;
    }

    /** The buffer holding the data ({@code data:} lines joined with {@code \n}) in its first {@link #length()} bytes. */
    public byte[] data() {
        return data;
    }

    /** The data's length in bytes. */
    public int length() {
        return length;
    }

    /** The data decoded (malformed UTF-8 becomes U+FFFD, as a {@code Reader} would give it). */
    public String text() {
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    /** Whether the data, less surrounding ASCII white space, is exactly {@code ascii}. */
    public boolean dataIs(String ascii) {
        int start = 0;
        int end = length;
        while (start < end && isSpace(data[start])) {
            start++;
        }
        while (end > start && isSpace(data[end - 1])) {
            end--;
        }
        if (end - start != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (data[start + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The data as a JSON tree, read from the bytes; empty when it is blank or not JSON. Bytes that are not
     * UTF-8 are read again as decoded text, so such an event reads as it did when events were strings.
     */
    public Optional<JsonNode> json() {
        int start = 0;
        while (start < length && isSpace(data[start])) {
            start++;
        }
        if (start == length) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(data, 0, length));
        } catch (java.io.IOException | RuntimeException e) {
            return Json.tryParse(text());
        }
    }

    /** A copy as an {@link SseEvent}. */
    public SseEvent toEvent() {
        return new SseEvent(event, text());
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f' || (b >= 0x1C && b <= 0x1F);
    }
}
