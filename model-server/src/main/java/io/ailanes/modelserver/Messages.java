package io.ailanes.modelserver;

import static io.ailanes.modelserver.Replies.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Anthropic Messages wire format: a {@code message}, or its event stream ({@code message_start} with the input
 * usage, the text block, {@code message_delta} with the output tokens, {@code message_stop}). Prompt caching is
 * explicit, as Anthropic's: the prefix up to the last {@code cache_control} block is written, then read.
 *
 * @param ids the server's counter of answers, for reply ids
 */
record Messages(Script script, PrefixCache cache, AtomicLong ids) {

    void answer(HttpExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asText();
        PromptText prompt = new PromptText().add(body.path("system"));
        body.path("messages").forEach(message -> prompt.add(message.path("content")));
        String answer = script.answer("anthropic", model, prompt.text());
        PrefixCache.Explicit cacheUse = cache.explicit(model, prompt.markedPrefix());
        // Anthropic's input_tokens leaves out what the cache wrote or read: the three are disjoint.
        long input = Tokens.of(prompt.text()) - cacheUse.written() - cacheUse.read();
        long output = Tokens.of(answer);
        String id = "msg_demo_" + ids.incrementAndGet();
        if (!body.path("stream").asBoolean(false)) {
            ObjectNode reply = JSON.createObjectNode().put("id", id).put("type", "message").put("role", "assistant")
                    .put("model", model).put("stop_reason", "end_turn").putNull("stop_sequence");
            reply.putArray("content").addObject().put("type", "text").put("text", answer);
            reply.putObject("usage").put("input_tokens", input).put("output_tokens", output)
                    .put("cache_creation_input_tokens", cacheUse.written())
                    .put("cache_read_input_tokens", cacheUse.read());
            Replies.send(exchange, 200, "application/json", reply.toString());
            return;
        }
        try (OutputStream out = Replies.startStream(exchange)) {
            ObjectNode start = JSON.createObjectNode().put("type", "message_start");
            ObjectNode message = start.putObject("message").put("id", id).put("type", "message").put("role", "assistant")
                    .put("model", model).putNull("stop_reason");
            message.putArray("content");
            message.putObject("usage").put("input_tokens", input).put("output_tokens", 1)
                    .put("cache_creation_input_tokens", cacheUse.written())
                    .put("cache_read_input_tokens", cacheUse.read());
            Replies.event(out, "message_start", start);
            ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
            blockStart.putObject("content_block").put("type", "text").put("text", "");
            Replies.event(out, "content_block_start", blockStart);
            for (String piece : Replies.pieces(answer)) {
                ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
                delta.putObject("delta").put("type", "text_delta").put("text", piece);
                Replies.event(out, "content_block_delta", delta);
            }
            Replies.event(out, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop")
                    .put("index", 0));
            ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
            end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
            end.putObject("usage").put("output_tokens", output);
            Replies.event(out, "message_delta", end);
            Replies.event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        }
    }
}
