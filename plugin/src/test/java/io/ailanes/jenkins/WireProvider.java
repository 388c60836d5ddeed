package io.ailanes.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model server on loopback speaking the OpenAI Chat Completions wire format, plain and streamed (server-sent
 * events with a usage chunk), answering from a script. Records each request's body and Authorization header.
 */
final class WireProvider implements AutoCloseable {

    /** Chooses the answer to a request from its model and its prompt (every message's text, in order). */
    @FunctionalInterface
    interface Script {
        String answer(String model, String prompt);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Script script;
    private final List<String> authorizations = new ArrayList<>();
    private final List<JsonNode> bodies = new ArrayList<>();

    private WireProvider(HttpServer server, ExecutorService executor, Script script) {
        this.server = server;
        this.executor = executor;
        this.script = script;
    }

    static WireProvider start(Script script) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        WireProvider provider = new WireProvider(server, executor, script);
        server.createContext("/", provider::handle);
        server.setExecutor(executor);
        server.start();
        return provider;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    synchronized List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            synchronized (this) {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                bodies.add(body);
            }
            if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(exchange, 404, "application/json", "{\"error\":{\"message\":\"no such endpoint\"}}");
                return;
            }
            String model = body.path("model").asText();
            StringBuilder prompt = new StringBuilder();
            for (JsonNode message : body.path("messages")) {
                JsonNode content = message.path("content");
                if (content.isTextual()) {
                    prompt.append(content.asText()).append('\n');
                } else {
                    content.forEach(part -> prompt.append(part.path("text").asText()).append('\n'));
                }
            }
            String answer = script.answer(model, prompt.toString());
            long input = Math.max(1, prompt.length() / 4);
            long output = Math.max(1, answer.length() / 4);
            ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", input).put("completion_tokens", output)
                    .put("total_tokens", input + output);
            if (!body.path("stream").asBoolean(false)) {
                ObjectNode reply = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                        .put("model", model);
                ObjectNode choice = reply.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", answer);
                reply.set("usage", usage);
                send(exchange, 200, "application/json", reply.toString());
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < answer.length(); i += 40) {
                    ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                            .put("model", model);
                    chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                            .put("content", answer.substring(i, Math.min(answer.length(), i + 40)));
                    event(out, chunk);
                }
                ObjectNode last = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                        .put("model", model);
                last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
                event(out, last);
                ObjectNode usageChunk = JSON.createObjectNode().put("id", "chatcmpl-1")
                        .put("object", "chat.completion.chunk").put("model", model);
                usageChunk.putArray("choices");
                usageChunk.set("usage", usage);
                event(out, usageChunk);
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void event(OutputStream out, JsonNode data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
