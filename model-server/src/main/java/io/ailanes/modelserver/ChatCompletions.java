package io.ailanes.modelserver;

import static io.ailanes.modelserver.Replies.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OpenAI Chat Completions wire format: a {@code chat.completion}, or a stream of {@code chat.completion.chunk}
 * events (the text, then the finish reason, then a usage chunk with no choices, then {@code [DONE]}). Prompt-cache
 * use is automatic, as OpenAI-compatible services report it ({@code prompt_tokens_details.cached_tokens}).
 *
 * @param ids the server's counter of answers, for reply ids
 */
record ChatCompletions(Script script, PrefixCache cache, AtomicLong ids) {

    void answer(HttpExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asText();
        PromptText prompt = new PromptText();
        body.path("messages").forEach(message -> prompt.add(message.path("content")));
        String answer = script.answer("openai", model, prompt.text());
        long input = Tokens.of(prompt.text());
        long output = Tokens.of(answer);
        long cached = cache.automatic(model, prompt.text());
        String id = "chatcmpl-demo-" + ids.incrementAndGet();
        ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", input).put("completion_tokens", output)
                .put("total_tokens", input + output);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        if (!body.path("stream").asBoolean(false)) {
            ObjectNode reply = JSON.createObjectNode().put("id", id).put("object", "chat.completion").put("model", model);
            ObjectNode choice = reply.putArray("choices").addObject().put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", answer);
            choice.put("finish_reason", "stop");
            reply.set("usage", usage);
            Replies.send(exchange, 200, "application/json", reply.toString());
            return;
        }
        try (OutputStream out = Replies.startStream(exchange)) {
            for (String piece : Replies.pieces(answer)) {
                ObjectNode chunk = chunk(id, model);
                chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                        .putObject("delta").put("content", piece);
                Replies.event(out, null, chunk);
            }
            ObjectNode last = chunk(id, model);
            last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
            Replies.event(out, null, last);
            ObjectNode usageChunk = chunk(id, model);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage);
            Replies.event(out, null, usageChunk);
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ObjectNode chunk(String id, String model) {
        return JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("model", model);
    }
}
