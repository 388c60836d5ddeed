package io.ailanes.engine.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Usage;
import java.io.IOException;

/**
 * The few fields the adapter needs from a {@code chat.completion.chunk} (its {@code choices[0].delta}) or a
 * complete {@code chat.completion} (its {@code choices[0].message}), read with Jackson's streaming parser: a
 * stream has one chunk per token, and building a whole tree for each was most of the engine's cost per
 * streamed call; for a complete reply the tree was a fifth of the engine's own time per call. Anything out
 * of the ordinary (not an object, an {@code error} member, not JSON) returns null, and the caller reads
 * that body the slow, thorough way.
 *
 * <p>Same reading as the tree: a field that is missing or JSON null is absent; text fields count only when
 * they are strings; only {@code choices[0]} is read; for a repeated member the last one wins.
 */
final class ChunkFields {

    /**
     * @param choicesPresent whether {@code choices} is present and not null
     * @param usagePresent whether {@code usage} is present and not null
     * @param usage the {@code usage} object's counts, or null when it is not an object
     */
    record Chunk(String id, String model, boolean choicesPresent, boolean usagePresent, Usage usage,
            String content, String refusal, String finishReason) {}

    private ChunkFields() {}

    /** A stream event's data, or null when it needs the thorough reading. */
    static Chunk scan(String data) {
        try (JsonParser parser = Json.MAPPER.createParser(data)) {
            return scan(parser, "delta", false, true);
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, or a number Jackson refuses: the thorough reading reports it
        }
    }

    /**
     * A complete reply's body, or null when it needs the thorough reading, which includes a reply whose
     * {@code choices[0]} is not an object (the thorough reading says what is wrong with it).
     */
    static Chunk scanReply(byte[] body) {
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            return scan(parser, "message", true, true);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param message the member of {@code choices[0]} that holds the text
     * @param needsChoice whether to decline (return null) unless {@code choices[0]} is an object
     * @param ids whether to read {@code id} and {@code model} (a stream needs them once)
     */
    private static Chunk scan(JsonParser parser, String message, boolean needsChoice, boolean ids) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String id = null;
        String model = null;
        boolean choicesPresent = false;
        boolean usagePresent = false;
        Usage usage = null;
        String[] choice = new String[3]; // content, refusal, finish_reason
        boolean choiceObject = false;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> id = ids ? text(parser, value) : skip(parser);
                case "model" -> model = ids ? text(parser, value) : skip(parser);
                case "error" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case "usage" -> {
                    usagePresent = value != JsonToken.VALUE_NULL;
                    if (value == JsonToken.START_OBJECT) {
                        usage = UsageFields.read(parser);
                    } else {
                        usage = null;
                        parser.skipChildren();
                    }
                }
                case "choices" -> {
                    choicesPresent = value != JsonToken.VALUE_NULL;
                    choice[0] = choice[1] = choice[2] = null;
                    if (value == JsonToken.START_ARRAY) {
                        choiceObject = firstChoice(parser, message, choice);
                    } else {
                        choiceObject = false;
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (needsChoice && !choiceObject) {
            return null;
        }
        return new Chunk(id, model, choicesPresent, usagePresent, usage, choice[0], choice[1], choice[2]);
    }

    /**
     * Reads {@code choices[0]} (the parser is on the array's start) and skips the other choices.
     *
     * @return whether {@code choices[0]} is an object
     */
    private static boolean firstChoice(JsonParser parser, String message, String[] choice) throws IOException {
        JsonToken element = parser.nextToken();
        if (element == JsonToken.END_ARRAY) {
            return false;
        }
        boolean object = element == JsonToken.START_OBJECT;
        if (object) {
            int index = 0;
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                if (name.equals("index")) {
                    index = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                } else if (name.equals(message)) {
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
            if (index != 0) {
                // With n > 1 each chunk carries one choice: only the first choice's text is the answer.
                choice[0] = choice[1] = choice[2] = null;
            }
        } else {
            parser.skipChildren();
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
        }
        return object;
    }

    /** Reads the {@code delta} or {@code message} object: its content and refusal. */
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

    private static String skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /**
     * Reads one stream's events from their bytes, all through one non-blocking parser fed event by event, so
     * an event costs no parser, no string of its data and no tree: only the fields read. The same reading as
     * {@link #scan(String)} (same fields, same declines); after a decline, or anything left after an event's
     * object, the next event gets a fresh parser. One per stream; not thread-safe.
     */
    static final class StreamScanner {
        private Guard parser;

        /**
         * An event's data, {@code data[0, length)}, or null when it needs the thorough reading.
         *
         * @param ids whether to read {@code id} and {@code model}
         */
        Chunk scan(byte[] data, int length, boolean ids) {
            try {
                if (parser == null) {
                    parser = new Guard(Json.MAPPER.createNonBlockingByteArrayParser());
                }
                ((ByteArrayFeeder) parser.delegate().getNonBlockingInputFeeder()).feedInput(data, 0, length);
                Chunk chunk = ChunkFields.scan(parser, "delta", false, ids);
                JsonParser raw = parser.delegate();
                if (chunk == null || raw.currentToken() != JsonToken.END_OBJECT || !raw.getParsingContext().inRoot()) {
                    discard();
                    return null;
                }
                if (raw.nextToken() != JsonToken.NOT_AVAILABLE) {
                    // Something after the object: the string reading ignores it too; the parser is not reusable.
                    discard();
                }
                return chunk;
            } catch (IOException | RuntimeException e) {
                discard();
                return null;
            }
        }

        private void discard() {
            if (parser != null) {
                try {
                    parser.delegate().close();
                } catch (IOException ignored) {
                    // in memory
                }
                parser = null;
            }
        }
    }

    /**
     * A non-blocking parser that fails where a blocking one would meet the end of the input: all of an event is
     * fed at once, so "not available" means the event's JSON is incomplete.
     */
    private static final class Guard extends JsonParserDelegate {
        Guard(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = delegate.nextToken();
            if (token == JsonToken.NOT_AVAILABLE || token == null) {
                throw new IOException("incomplete JSON");
            }
            return token;
        }

        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? delegate.currentName() : null;
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            JsonToken token = delegate.currentToken();
            if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                return this;
            }
            int open = 1;
            while (true) {
                token = nextToken();
                if (token.isStructStart()) {
                    open++;
                } else if (token.isStructEnd() && --open == 0) {
                    return this;
                }
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
