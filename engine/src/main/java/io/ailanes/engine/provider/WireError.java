package io.ailanes.engine.provider;

/**
 * An adapter's reading of an HTTP error response.
 *
 * @param kind the classification
 * @param message the provider's own error message (already short and free of credentials)
 */
public record WireError(ErrorKind kind, String message) {}
