package io.ailanes.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ailanes.engine.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local model server for demos and examples: speaks the real OpenAI Chat Completions and Anthropic
 * Messages wire formats (plain and streamed, with usage), on 127.0.0.1 only, and answers from a
 * {@link Script}. Its answers are scripted, not generated: it exists so that AI Lanes can be seen working
 * end to end without an account or a key. It reports prompt-cache use the way the real services do
 * ({@link PrefixCache}), so fix rounds show their cache hits.
 */
public final class ScriptedProvider implements AutoCloseable {

    /** Chooses the answer to a request. */
    @FunctionalInterface
    public interface Script {
        /**
         * @param protocol {@code openai} or {@code anthropic}
         * @param model the model the request names
         * @param prompt the request's text (system and messages, in order)
         */
        String answer(String protocol, String model, String prompt);
    }

    /** Answers every prompt by saying what it is and what it received. */
    public static final Script ECHO = (protocol, model, prompt) -> "This answer is scripted by the AI Lanes demo"
            + " provider (" + protocol + " wire format, model " + model + "). It received a prompt of "
            + prompt.length() + " characters starting with: \"" + abbreviate(prompt, 60)
            + "\". Point --provider-config at a real provider to get a real answer.";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Script script;
    private final AtomicLong ids = new AtomicLong();
    private final List<JsonNode> requests = new ArrayList<>();
    private final PrefixCache cache = new PrefixCache();

    private ScriptedProvider(HttpServer server, ExecutorService executor, Script script) {
        this.server = server;
        this.executor = executor;
        this.script = script;
    }

    /** Starts on 127.0.0.1 at {@code port} (0 = any free port). */
    public static ScriptedProvider start(int port, Script script) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "ai-lanes-scripted-provider");
            thread.setDaemon(true);
            return thread;
        });
        ScriptedProvider provider = new ScriptedProvider(server, executor, script);
        server.createContext("/", provider::handle);
        server.setExecutor(executor);
        server.start();
        return provider;
    }

    /** The base URL for {@code openai} kind providers. */
    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** The base URL for {@code anthropic} kind providers. */
    public String anthropicBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The request bodies received so far, in order. */
    public synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", "{\"error\":{\"message\":\"use POST\"}}");
                return;
            }
            JsonNode body = Json.tryParse(exchange.getRequestBody().readAllBytes()).orElse(null);
            if (body == null || !body.isObject()) {
                send(exchange, 400, "application/json", "{\"error\":{\"message\":\"body is not a JSON object\"}}");
                return;
            }
            synchronized (this) {
                requests.add(body);
            }
            if (path.endsWith("/chat/completions")) {
                openAi(exchange, body);
            } else if (path.endsWith("/messages")) {
                anthropic(exchange, body);
            } else {
                send(exchange, 404, "application/json", "{\"error\":{\"message\":\"no such endpoint: " + path + "\"}}");
            }
        }
    }

    private void openAi(HttpExchange exchange, JsonNode body) throws IOException {
        String model = Json.text(body, "model");
        StringBuilder prompt = new StringBuilder();
        for (JsonNode message : body.path("messages")) {
            prompt.append(message.path("content").asText()).append('\n');
        }
        String answer = script.answer("openai", model, prompt.toString());
        long input = tokens(prompt.toString());
        long output = tokens(answer);
        long cached = cache.automatic(model, prompt.toString());
        String id = "chatcmpl-demo-" + ids.incrementAndGet();
        ObjectNode usage = Json.object().put("prompt_tokens", input).put("completion_tokens", output)
                .put("total_tokens", input + output);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        if (!body.path("stream").asBoolean(false)) {
            ObjectNode reply = Json.object().put("id", id).put("object", "chat.completion").put("model", model);
            ObjectNode choice = reply.putArray("choices").addObject().put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", answer);
            choice.put("finish_reason", "stop");
            reply.set("usage", usage);
            send(exchange, 200, "application/json", reply.toString());
            return;
        }
        try (OutputStream out = startStream(exchange)) {
            for (String piece : pieces(answer)) {
                ObjectNode chunk = Json.object().put("id", id).put("object", "chat.completion.chunk").put("model", model);
                chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                        .putObject("delta").put("content", piece);
                event(out, null, chunk);
            }
            ObjectNode last = Json.object().put("id", id).put("object", "chat.completion.chunk").put("model", model);
            last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
            event(out, null, last);
            ObjectNode usageChunk = Json.object().put("id", id).put("object", "chat.completion.chunk").put("model", model);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage);
            event(out, null, usageChunk);
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void anthropic(HttpExchange exchange, JsonNode body) throws IOException {
        String model = Json.text(body, "model");
        StringBuilder prompt = new StringBuilder();
        JsonNode system = body.path("system");
        int breakpoint = -1; // end of the last block marked cache_control: the prefix Anthropic caches
        if (system.isTextual()) {
            prompt.append(system.asText()).append('\n');
        } else {
            for (JsonNode block : system) {
                prompt.append(block.path("text").asText()).append('\n');
                breakpoint = block.has("cache_control") ? prompt.length() : breakpoint;
            }
        }
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                prompt.append(content.asText()).append('\n');
            } else {
                for (JsonNode block : content) {
                    prompt.append(block.path("text").asText()).append('\n');
                    breakpoint = block.has("cache_control") ? prompt.length() : breakpoint;
                }
            }
        }
        String answer = script.answer("anthropic", model, prompt.toString());
        PrefixCache.Explicit cacheUse = cache.explicit(model, breakpoint < 0 ? "" : prompt.substring(0, breakpoint));
        long input = tokens(prompt.toString()) - cacheUse.written() - cacheUse.read();
        long output = tokens(answer);
        String id = "msg_demo_" + ids.incrementAndGet();
        if (!body.path("stream").asBoolean(false)) {
            ObjectNode reply = Json.object().put("id", id).put("type", "message").put("role", "assistant")
                    .put("model", model).put("stop_reason", "end_turn").putNull("stop_sequence");
            reply.putArray("content").addObject().put("type", "text").put("text", answer);
            reply.putObject("usage").put("input_tokens", input).put("output_tokens", output)
                    .put("cache_creation_input_tokens", cacheUse.written())
                    .put("cache_read_input_tokens", cacheUse.read());
            send(exchange, 200, "application/json", reply.toString());
            return;
        }
        try (OutputStream out = startStream(exchange)) {
            ObjectNode start = Json.object().put("type", "message_start");
            ObjectNode message = start.putObject("message").put("id", id).put("type", "message").put("role", "assistant")
                    .put("model", model).putNull("stop_reason");
            message.putArray("content");
            message.putObject("usage").put("input_tokens", input).put("output_tokens", 1)
                    .put("cache_creation_input_tokens", cacheUse.written())
                    .put("cache_read_input_tokens", cacheUse.read());
            event(out, "message_start", start);
            ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", 0);
            blockStart.putObject("content_block").put("type", "text").put("text", "");
            event(out, "content_block_start", blockStart);
            for (String piece : pieces(answer)) {
                ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", 0);
                delta.putObject("delta").put("type", "text_delta").put("text", piece);
                event(out, "content_block_delta", delta);
            }
            event(out, "content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0));
            ObjectNode end = Json.object().put("type", "message_delta");
            end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
            end.putObject("usage").put("output_tokens", output);
            event(out, "message_delta", end);
            event(out, "message_stop", Json.object().put("type", "message_stop"));
        }
    }

    private static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void event(OutputStream out, String name, JsonNode data) throws IOException {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The scripted text in word-sized pieces, as a model would stream it. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    /** A token count in the range real tokenizers give for English and code (about four characters a token). */
    static long tokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    private static String abbreviate(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }
}
