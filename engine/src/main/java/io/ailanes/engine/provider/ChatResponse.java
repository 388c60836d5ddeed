package io.ailanes.engine.provider;

import java.time.Duration;

/**
 * The outcome of a successful call.
 *
 * @param providerId the configured provider that answered
 * @param model the model the provider says answered (may be a dated snapshot of the requested name)
 * @param responseId the provider's id of the response, or null
 * @param text the generated text (for structured output: the JSON document)
 * @param finishReason why the model stopped
 * @param rawFinishReason the provider's own word for it, or null
 * @param usage provider-reported token counts
 * @param latency time from the first attempt's start to the last byte
 * @param attempts how many HTTP attempts the call took (1 without retries)
 */
public record ChatResponse(
        String providerId,
        String model,
        String responseId,
        String text,
        FinishReason finishReason,
        String rawFinishReason,
        Usage usage,
        Duration latency,
        int attempts) {}
