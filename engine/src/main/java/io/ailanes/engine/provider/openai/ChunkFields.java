package io.ailanes.engine.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import java.io.IOException;

/**
 * The few fields the stream decoder needs from a {@code chat.completion.chunk}, read with Jackson's
 * streaming parser: a stream has one chunk per token, and building a whole tree for each was most of the
 * engine's cost per streamed call. Anything out of the ordinary (not an object, an {@code error} member,
 * not JSON) returns null, and the decoder reads that event the slow, thorough way.
 *
 * <p>Same reading as the tree: a field that is missing or JSON null is absent; text fields count only when
 * they are strings; only {@code choices[0]} is read; for a repeated member the last one wins.
 */
final class ChunkFields {

    /**
     * @param choicesPresent whether {@code choices} is present and not null
     * @param usagePresent whether {@code usage} is present and not null
     * @param usage the {@code usage} object, or null when it is not an object
     */
    record Chunk(String id, String model, boolean choicesPresent, boolean usagePresent, JsonNode usage,
            String content, String refusal, String finishReason) {}

    private ChunkFields() {}

    static Chunk scan(String data) {
        try (JsonParser parser = Json.MAPPER.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            String model = null;
            boolean choicesPresent = false;
            boolean usagePresent = false;
            JsonNode usage = null;
            String[] choice = new String[3]; // content, refusal, finish_reason
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "id" -> id = text(parser, value);
                    case "model" -> model = text(parser, value);
                    case "error" -> {
                        if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "usage" -> {
                        usagePresent = value != JsonToken.VALUE_NULL;
                        if (value == JsonToken.START_OBJECT) {
                            usage = parser.readValueAsTree();
                        } else {
                            usage = null;
                            parser.skipChildren();
                        }
                    }
                    case "choices" -> {
                        choicesPresent = value != JsonToken.VALUE_NULL;
                        choice[0] = choice[1] = choice[2] = null;
                        if (value == JsonToken.START_ARRAY) {
                            firstChoice(parser, choice);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            return new Chunk(id, model, choicesPresent, usagePresent, usage, choice[0], choice[1], choice[2]);
        } catch (IOException e) {
            return null; // not JSON: the thorough reading reports it
        }
    }

    /** Reads {@code choices[0]} (the parser is on the array's start) and skips the other choices. */
    private static void firstChoice(JsonParser parser, String[] choice) throws IOException {
        JsonToken element = parser.nextToken();
        if (element == JsonToken.END_ARRAY) {
            return;
        }
        if (element == JsonToken.START_OBJECT) {
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                if (name.equals("delta")) {
                    choice[0] = choice[1] = null;
                    if (value == JsonToken.START_OBJECT) {
                        delta(parser, choice);
                    } else {
                        parser.skipChildren();
                    }
                } else if (name.equals("finish_reason")) {
                    choice[2] = text(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
        } else {
            parser.skipChildren();
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
        }
    }

    private static void delta(JsonParser parser, String[] choice) throws IOException {
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            if (name.equals("content")) {
                choice[0] = text(parser, value);
            } else if (name.equals("refusal")) {
                choice[1] = text(parser, value);
            } else {
                parser.skipChildren();
            }
        }
    }

    /** The string value, or null (after skipping it) for anything else. */
    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }
}
