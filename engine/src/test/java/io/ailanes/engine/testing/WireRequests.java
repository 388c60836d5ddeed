package io.ailanes.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.Message;
import io.ailanes.engine.provider.OutputSchema;

/** Recorded request bodies of the wire samples as the engine's requests, for replaying them through the router. */
public final class WireRequests {

    private WireRequests() {}

    /** An Anthropic Messages body: its messages, output cap and structured-output schema. */
    public static ChatRequest anthropic(JsonNode body) {
        ChatRequest.Builder builder = ChatRequest.builder(body.path("model").asText())
                .maxOutputTokens(body.path("max_tokens").asInt());
        for (JsonNode message : body.path("messages")) {
            String text = message.path("content").asText();
            builder.message("assistant".equals(message.path("role").asText()) ? Message.assistant(text) : Message.user(text));
        }
        JsonNode schema = body.at("/output_config/format/schema");
        if (!schema.isMissingNode()) {
            builder.outputSchema(new OutputSchema(schema.path("title").asText("output"), schema, true));
        }
        return builder.build();
    }

    /** An OpenAI chat body: system and developer messages become the system prompt. */
    public static ChatRequest openAi(JsonNode body) {
        ChatRequest.Builder builder = ChatRequest.builder(body.path("model").asText());
        for (JsonNode message : body.path("messages")) {
            String text = message.path("content").asText();
            switch (message.path("role").asText()) {
                case "system", "developer" -> builder.system(text);
                case "assistant" -> builder.assistant(text);
                default -> builder.user(text);
            }
        }
        return builder.build();
    }
}
