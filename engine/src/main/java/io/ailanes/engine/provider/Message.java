package io.ailanes.engine.provider;

import java.util.Objects;

/**
 * One conversation turn.
 *
 * @param role who speaks
 * @param text the content
 * @param cacheBreakpoint true when this message ends the stable prefix of the prompt: providers with
 *     explicit prompt caching (Anthropic {@code cache_control}) cache everything up to and including it,
 *     so later calls that repeat the prefix are billed at the cached-read rate
 */
public record Message(Role role, String text, boolean cacheBreakpoint) {

    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    public static Message user(String text) {
        return new Message(Role.USER, text, false);
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, text, false);
    }

    /** The same message marked as the end of the cacheable prefix. */
    public Message asCacheBreakpoint() {
        return new Message(role, text, true);
    }
}
