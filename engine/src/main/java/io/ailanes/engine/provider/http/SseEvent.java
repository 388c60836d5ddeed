package io.ailanes.engine.provider.http;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field, or {@code "message"} when absent
 * @param data the {@code data:} lines joined with newlines
 */
public record SseEvent(String event, String data) {}
