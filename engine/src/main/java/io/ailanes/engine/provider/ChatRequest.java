package io.ailanes.engine.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One model call, independent of any provider's wire format.
 *
 * @param model the model name as the provider knows it (without the {@code provider/} prefix)
 * @param system the system prompt, or null; part of the cached prefix when a message is a cache breakpoint
 * @param messages the conversation, at least one message
 * @param maxOutputTokens the most tokens the model may produce (visible and reasoning)
 * @param temperature sampling temperature, or null for the provider's default
 * @param stop stop sequences, possibly empty
 * @param outputSchema structured output schema, or null for free text
 * @param stream whether to stream the answer (progress reaches {@link CallListener#onText})
 */
public record ChatRequest(
        String model,
        String system,
        List<Message> messages,
        int maxOutputTokens,
        Double temperature,
        List<String> stop,
        OutputSchema outputSchema,
        boolean stream) {

    public ChatRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a request needs a model name");
        }
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be at least 1, was " + maxOutputTokens);
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, was " + temperature);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** The same request with another model name (used by lane fallback). */
    public ChatRequest withModel(String otherModel) {
        return new ChatRequest(otherModel, system, messages, maxOutputTokens, temperature, stop, outputSchema, stream);
    }

    /** The same request with another output cap (used when a budget only affords fewer tokens). */
    public ChatRequest withMaxOutputTokens(int tokens) {
        return new ChatRequest(model, system, messages, tokens, temperature, stop, outputSchema, stream);
    }

    /** Builds a request step by step; defaults: 1024 output tokens, provider temperature, no stream. */
    public static final class Builder {
        private final String model;
        private String system;
        private final List<Message> messages = new ArrayList<>();
        private int maxOutputTokens = 1024;
        private Double temperature;
        private List<String> stop = List.of();
        private OutputSchema outputSchema;
        private boolean stream;

        private Builder(String model) {
            this.model = model;
        }

        public Builder system(String text) {
            this.system = text;
            return this;
        }

        public Builder message(Message message) {
            messages.add(message);
            return this;
        }

        public Builder user(String text) {
            return message(Message.user(text));
        }

        public Builder assistant(String text) {
            return message(Message.assistant(text));
        }

        public Builder maxOutputTokens(int tokens) {
            this.maxOutputTokens = tokens;
            return this;
        }

        public Builder temperature(Double value) {
            this.temperature = value;
            return this;
        }

        public Builder stop(List<String> sequences) {
            this.stop = sequences;
            return this;
        }

        public Builder outputSchema(OutputSchema schema) {
            this.outputSchema = schema;
            return this;
        }

        public Builder stream(boolean value) {
            this.stream = value;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(model, system, messages, maxOutputTokens, temperature, stop, outputSchema, stream);
        }
    }
}
