package io.ailanes.engine.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The line format. Fields are written in one fixed order, {@code prev} and {@code hash} last:
 *
 * <pre>{"v":1,"seq":..,"timestamp":..,...,"attributes":{..},"prev":"&lt;64 hex&gt;","hash":"&lt;64 hex&gt;"}</pre>
 *
 * <p>{@code hash} is SHA-256 over the line's bytes with the {@code ,"hash":"..."} member cut out (the bytes
 * before it, then the closing brace). Working on the bytes as written, not a re-serialisation, means any
 * change to any byte (including fields this version does not know) changes the hash. {@code prev} is
 * SHA-256 over the previous line's bytes, without its newline.
 */
final class AuditCodec {

    static final int VERSION = 1;

    private static final byte[] HASH_MEMBER = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    /** {@code ,"hash":"} + 64 hex digits + {@code "}}. */
    static final int HASH_SUFFIX_LENGTH = HASH_MEMBER.length + 64 + 2;

    private AuditCodec() {}

    /** The line for an entry (whose seq and timestamp are set), without its newline. */
    static byte[] encode(AuditEntry e, AuditMode mode, String prev) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            g.writeNumberField("seq", e.seq());
            g.writeStringField("timestamp", e.timestamp().toString());
            g.writeStringField("runId", e.runId());
            g.writeStringField("callId", e.callId());
            g.writeNumberField("attempt", e.attempt());
            g.writeStringField("step", e.step());
            g.writeStringField("lane", e.lane());
            g.writeStringField("provider", e.provider());
            g.writeStringField("model", e.model());
            g.writeStringField("routingReason", e.routingReason());
            g.writeStringField("outcome", e.outcome().name());
            g.writeStringField("errorKind", e.errorKind());
            g.writeFieldName("httpStatus");
            if (e.httpStatus() == null) {
                g.writeNull();
            } else {
                g.writeNumber(e.httpStatus());
            }
            g.writeStringField("errorMessage", e.errorMessage());
            Usage u = e.usage();
            g.writeObjectFieldStart("tokens");
            g.writeNumberField("input", u.inputTokens());
            g.writeNumberField("cacheRead", u.cacheReadTokens());
            g.writeNumberField("cacheWrite", u.cacheWriteTokens());
            g.writeNumberField("cacheWrite1h", u.cacheWrite1hTokens());
            g.writeNumberField("output", u.outputTokens());
            g.writeNumberField("reasoning", u.reasoningTokens());
            g.writeEndObject();
            // Money as decimal strings: a JSON number invites readers to parse it as a binary float.
            g.writeStringField("costUsd", e.costUsd().toPlainString());
            g.writeStringField("reservedUsd", e.reservedUsd() == null ? null : e.reservedUsd().toPlainString());
            g.writeNumberField("latencyMs", e.latencyMs());
            g.writeStringField("promptSha256", e.promptSha256());
            g.writeStringField("responseSha256", e.responseSha256());
            if (mode == AuditMode.FULL) {
                g.writeStringField("promptText", e.promptText());
                g.writeStringField("responseText", e.responseText());
            }
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
            g.writeStringField("prev", prev);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        byte[] body = buffer.toByteArray();
        String hash = Sha256.hex(body);
        byte[] line = new byte[body.length - 1 + HASH_SUFFIX_LENGTH];
        System.arraycopy(body, 0, line, 0, body.length - 1);
        int at = body.length - 1;
        System.arraycopy(HASH_MEMBER, 0, line, at, HASH_MEMBER.length);
        at += HASH_MEMBER.length;
        byte[] hex = hash.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, line, at, hex.length);
        line[line.length - 2] = '"';
        line[line.length - 1] = '}';
        return line;
    }

    /** The {@code hash} written at the end of the line, or null if the line does not end with one. */
    static String storedHash(byte[] line) {
        int start = line.length - HASH_SUFFIX_LENGTH;
        if (start < 1 || line[line.length - 1] != '}' || line[line.length - 2] != '"') {
            return null;
        }
        for (int i = 0; i < HASH_MEMBER.length; i++) {
            if (line[start + i] != HASH_MEMBER[i]) {
                return null;
            }
        }
        String hex = new String(line, start + HASH_MEMBER.length, 64, StandardCharsets.US_ASCII);
        return Sha256.isHash(hex) ? hex : null;
    }

    /** SHA-256 of the line without its hash member, as {@link #encode} computed it. Needs a stored hash. */
    static String contentHash(byte[] line) {
        MessageDigest digest = Sha256.digest();
        digest.update(line, 0, line.length - HASH_SUFFIX_LENGTH);
        digest.update((byte) '}');
        return Sha256.hexOf(digest.digest());
    }

    static JsonNode parse(byte[] line) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("not JSON (" + firstLine(reason) + ")");
        }
    }

    /** The chain fields: seq and prev. */
    static long seq(JsonNode node) {
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber() || seq.asLong() < 1) {
            throw new IllegalArgumentException("\"seq\" is missing or not a positive whole number");
        }
        return seq.asLong();
    }

    static String prev(JsonNode node) {
        String prev = Json.text(node, "prev");
        if (!Sha256.isHash(prev)) {
            throw new IllegalArgumentException("\"prev\" is missing or not 64 lower-case hex digits");
        }
        return prev;
    }

    /** The entry on a line. Unknown fields are ignored, so newer files stay readable. */
    static AuditEntry decode(JsonNode n) {
        AuditOutcome outcome;
        String outcomeName = Json.text(n, "outcome");
        try {
            outcome = AuditOutcome.valueOf(String.valueOf(outcomeName));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"outcome\" is " + (outcomeName == null ? "missing" : "unknown: " + outcomeName));
        }
        String timestamp = Json.text(n, "timestamp");
        Instant at;
        try {
            at = Instant.parse(String.valueOf(timestamp));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"timestamp\" is missing or not an ISO-8601 instant");
        }
        Usage usage = new Usage(
                Json.count(n, "tokens", "input"),
                Json.count(n, "tokens", "cacheRead"),
                Json.count(n, "tokens", "cacheWrite"),
                Json.count(n, "tokens", "cacheWrite1h"),
                Json.count(n, "tokens", "output"),
                Json.count(n, "tokens", "reasoning"));
        JsonNode status = Json.at(n, "httpStatus");
        Map<String, String> attributes = new TreeMap<>();
        JsonNode attrs = Json.at(n, "attributes");
        if (attrs != null && attrs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                attributes.put(a.getKey(), a.getValue().isNull() ? null : a.getValue().asText());
            }
        }
        JsonNode attempt = Json.at(n, "attempt");
        return new AuditEntry(
                seq(n),
                at,
                Json.text(n, "runId"),
                Json.text(n, "callId"),
                attempt == null ? 0 : attempt.asInt(),
                Json.text(n, "step"),
                Json.text(n, "lane"),
                Json.text(n, "provider"),
                Json.text(n, "model"),
                Json.text(n, "routingReason"),
                outcome,
                Json.text(n, "errorKind"),
                status != null && status.canConvertToInt() ? status.asInt() : null,
                Json.text(n, "errorMessage"),
                usage,
                money(n, "costUsd", BigDecimal.ZERO),
                money(n, "reservedUsd", null),
                Json.count(n, "latencyMs"),
                hashOrNull(n, "promptSha256"),
                hashOrNull(n, "responseSha256"),
                Json.text(n, "promptText"),
                Json.text(n, "responseText"),
                attributes);
    }

    private static BigDecimal money(JsonNode n, String field, BigDecimal absent) {
        String text = Json.text(n, field);
        if (text == null) {
            return absent;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not a decimal number: " + text);
        }
    }

    private static String hashOrNull(JsonNode n, String field) {
        String text = Json.text(n, field);
        if (text != null && !Sha256.isHash(text)) {
            throw new IllegalArgumentException("\"" + field + "\" is not 64 lower-case hex digits");
        }
        return text;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
