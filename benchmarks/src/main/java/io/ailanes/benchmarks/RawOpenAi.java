package io.ailanes.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.Message;
import java.io.IOException;
import java.util.Locale;

/**
 * What a hand-written Chat Completions client does with Jackson, the idiomatic way (a tree each way): the
 * baseline the engine's own request building and reply parsing are compared with. It writes the same body
 * the engine sends for the benchmark's requests and reads the same fields the engine reads.
 */
final class RawOpenAi {

    /** The fields the engine reads from a reply: text, refusal, finish reason, id, model, every usage count. */
    record Fields(String id, String model, String text, String refusal, String finishReason, long promptTokens,
            long cachedTokens,
            long cacheHitTokens, long cacheMissTokens, long completionTokens, long reasoningTokens) {}

    private RawOpenAi() {}

    /** The request body: model, messages, max_tokens, and the stream flags when streaming. */
    static byte[] body(ChatRequest request) throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        if (request.system() != null) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (Message message : request.messages()) {
            messages.addObject().put("role", message.role().name().toLowerCase(Locale.ROOT)).put("content", message.text());
        }
        body.put("max_tokens", request.maxOutputTokens());
        if (request.stream()) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return Json.MAPPER.writeValueAsBytes(body);
    }

    /** Reads a complete reply. */
    static Fields reply(byte[] body) throws IOException {
        JsonNode root = Json.MAPPER.readTree(body);
        JsonNode choice = root.path("choices").path(0);
        JsonNode usage = root.path("usage");
        return new Fields(
                root.path("id").asText(null),
                root.path("model").asText(null),
                choice.path("message").path("content").asText(""),
                choice.path("message").path("refusal").asText(null),
                choice.path("finish_reason").asText(null),
                usage.path("prompt_tokens").asLong(),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
                usage.path("prompt_cache_hit_tokens").asLong(),
                usage.path("prompt_cache_miss_tokens").asLong(),
                usage.path("completion_tokens").asLong(),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong());
    }
}
