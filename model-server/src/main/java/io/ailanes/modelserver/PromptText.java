package io.ailanes.modelserver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request's text as a {@link Script} reads it: each string or text block followed by a new line, in order; and
 * where the last block marked {@code cache_control} ends, the prefix Anthropic caches.
 */
final class PromptText {

    private final StringBuilder text = new StringBuilder();
    private int breakpoint = -1;

    /** Adds a content value: a string, or an array of blocks (absent adds nothing). */
    PromptText add(JsonNode content) {
        if (content.isTextual()) {
            text.append(content.asText()).append('\n');
            return this;
        }
        for (JsonNode block : content) {
            text.append(block.path("text").asText()).append('\n');
            breakpoint = block.has("cache_control") ? text.length() : breakpoint;
        }
        return this;
    }

    String text() {
        return text.toString();
    }

    /** The text up to the end of the last block marked {@code cache_control}; empty when none is. */
    String markedPrefix() {
        return breakpoint < 0 ? "" : text.substring(0, breakpoint);
    }
}
