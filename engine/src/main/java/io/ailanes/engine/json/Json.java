package io.ailanes.engine.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The engine's one JSON mapper and small helpers for reading untrusted provider JSON without NPEs. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses JSON, or empty if the text is not JSON. */
    public static Optional<JsonNode> tryParse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Parses JSON bytes, or empty if they are not JSON. */
    public static Optional<JsonNode> tryParse(byte[] bytes) {
        try {
            return Optional.ofNullable(MAPPER.readTree(bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text at {@code path} (field names), or null if any step is missing or the leaf is not a string. */
    public static String text(JsonNode node, String... path) {
        JsonNode leaf = at(node, path);
        return leaf != null && leaf.isTextual() ? leaf.asText() : null;
    }

    /** The non-negative whole number at {@code path}, or 0 if missing, null or not a number. */
    public static long count(JsonNode node, String... path) {
        JsonNode leaf = at(node, path);
        return leaf != null && leaf.canConvertToLong() && leaf.asLong() > 0 ? leaf.asLong() : 0;
    }

    /** Whether a number is present at {@code path}. */
    public static boolean hasNumber(JsonNode node, String... path) {
        JsonNode leaf = at(node, path);
        return leaf != null && leaf.isNumber();
    }

    /** The node at {@code path}, or null. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(step);
        }
        return current == null || current.isNull() || current.isMissingNode() ? null : current;
    }
}
