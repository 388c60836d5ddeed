package io.ailanes.engine.provider.http;

import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.Usage;

/**
 * What an adapter read from a successful response body or stream.
 *
 * @param model the model the provider reports, or null
 * @param responseId the provider's response id, or null
 * @param text the generated text
 * @param finishReason normalised stop reason
 * @param rawFinishReason the provider's word for it, or null
 * @param usage provider-reported usage
 */
public record Reply(
        String model, String responseId, String text, FinishReason finishReason, String rawFinishReason, Usage usage) {}
