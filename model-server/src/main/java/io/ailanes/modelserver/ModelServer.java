package io.ailanes.modelserver;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A model server on 127.0.0.1 that speaks the real OpenAI Chat Completions and Anthropic Messages wire formats
 * (plain and streamed as server-sent events, with usage) and answers from a {@link Script}. Its answers are
 * scripted, not generated: it lets AI Lanes be seen working end to end without an account or a key (the CLI's
 * demo) and be tested over real HTTP (the CLI's and the plugin's tests). It reports prompt-cache use the way the
 * real services do ({@link PrefixCache}) unless started with {@link PromptCache#OFF}.
 *
 * <p>It records every request it receives ({@link Received}), before answering it. It also serves as a plain-http
 * forward proxy for provider URLs: an absolute-form request ({@code POST http://host/v1/chat/completions}) is
 * answered the same way and its target recorded as sent, and {@link #requireProxyAuthorization} makes it ask for
 * proxy credentials with a 407, as a corporate proxy does.
 */
public final class ModelServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Script script;
    private final PrefixCache cache;
    private final AtomicLong ids = new AtomicLong();
    private final List<Received> received = new ArrayList<>();
    private volatile String requiredProxyAuthorization;

    private ModelServer(HttpServer server, ExecutorService executor, Script script, PromptCache cache) {
        this.server = server;
        this.executor = executor;
        this.script = script;
        this.cache = new PrefixCache(cache);
    }

    /** Starts on 127.0.0.1 at {@code port} (0 = any free port), reporting prompt-cache use. */
    public static ModelServer start(int port, Script script) throws IOException {
        return start(port, script, PromptCache.PREFIX);
    }

    /** Starts on 127.0.0.1 at {@code port} (0 = any free port). */
    public static ModelServer start(int port, Script script, PromptCache cache) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        // Daemon threads: a script that never answers (a test of cancellation) must not keep a JVM alive.
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "ai-lanes-model-server");
            thread.setDaemon(true);
            return thread;
        });
        ModelServer modelServer = new ModelServer(server, executor, script, cache);
        server.createContext("/", modelServer::handle);
        server.setExecutor(executor);
        server.start();
        return modelServer;
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

    /**
     * As a proxy: answer 407 (with a {@code Proxy-Authenticate} challenge) to every request whose
     * {@code Proxy-Authorization} header is not {@code value}; null lets every request through again.
     */
    public void requireProxyAuthorization(String value) {
        requiredProxyAuthorization = value;
    }

    /** Every request received so far, in order, those the proxy gate refused included. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The JSON bodies of the requests answered as a provider (past the proxy gate), in order. */
    public List<JsonNode> bodies() {
        return admitted(Received::body).stream().filter(body -> body != null).toList();
    }

    /** The {@code Authorization} header of each request answered as a provider (null when absent), in order. */
    public List<String> authorizations() {
        return admitted(request -> request.header("Authorization"));
    }

    /** Each request's target as sent: a path, or an absolute URL when this server is used as a proxy. */
    public List<String> targets() {
        return received().stream().map(Received::target).toList();
    }

    /** Each request's {@code Proxy-Authorization} header (null when absent), in order. */
    public List<String> proxyAuthorizations() {
        List<String> values = new ArrayList<>(); // not toList(): it may hold nulls
        received().forEach(request -> values.add(request.header("Proxy-Authorization")));
        return values;
    }

    private <T> List<T> admitted(Function<Received, T> value) {
        List<T> values = new ArrayList<>();
        received().stream().filter(Received::admitted).forEach(request -> values.add(value.apply(request)));
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String required = requiredProxyAuthorization;
            boolean refused = required != null
                    && !required.equals(exchange.getRequestHeaders().getFirst("Proxy-Authorization"));
            JsonNode body = jsonObject(bytes);
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders(), body, refused));
            }
            String path = exchange.getRequestURI().getPath();
            if (refused) {
                exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"corp\"");
                send(exchange, 407, "text/plain", "Proxy Authentication Required");
            } else if (!"POST".equals(exchange.getRequestMethod())) {
                sendError(exchange, 405, "use POST");
            } else if (body == null) {
                sendError(exchange, 400, "body is not a JSON object");
            } else if (path.endsWith("/chat/completions")) {
                openAi(exchange, body);
            } else if (path.endsWith("/messages")) {
                anthropic(exchange, body);
            } else {
                sendError(exchange, 404, "no such endpoint: " + path);
            }
        }
    }

    private static JsonNode jsonObject(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void openAi(HttpExchange exchange, JsonNode body) throws IOException {
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
        String answer = script.answer("openai", model, prompt.toString());
        long input = Tokens.of(prompt.toString());
        long output = Tokens.of(answer);
        long cached = cache.automatic(model, prompt.toString());
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
            send(exchange, 200, "application/json", reply.toString());
            return;
        }
        try (OutputStream out = startStream(exchange)) {
            for (String piece : pieces(answer)) {
                ObjectNode chunk = chunk(id, model);
                chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                        .putObject("delta").put("content", piece);
                event(out, null, chunk);
            }
            ObjectNode last = chunk(id, model);
            last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
            event(out, null, last);
            ObjectNode usageChunk = chunk(id, model);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage);
            event(out, null, usageChunk);
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ObjectNode chunk(String id, String model) {
        return JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("model", model);
    }

    private void anthropic(HttpExchange exchange, JsonNode body) throws IOException {
        String model = body.path("model").asText();
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
        long input = Tokens.of(prompt.toString()) - cacheUse.written() - cacheUse.read();
        long output = Tokens.of(answer);
        String id = "msg_demo_" + ids.incrementAndGet();
        if (!body.path("stream").asBoolean(false)) {
            ObjectNode reply = JSON.createObjectNode().put("id", id).put("type", "message").put("role", "assistant")
                    .put("model", model).put("stop_reason", "end_turn").putNull("stop_sequence");
            reply.putArray("content").addObject().put("type", "text").put("text", answer);
            reply.putObject("usage").put("input_tokens", input).put("output_tokens", output)
                    .put("cache_creation_input_tokens", cacheUse.written())
                    .put("cache_read_input_tokens", cacheUse.read());
            send(exchange, 200, "application/json", reply.toString());
            return;
        }
        try (OutputStream out = startStream(exchange)) {
            ObjectNode start = JSON.createObjectNode().put("type", "message_start");
            ObjectNode message = start.putObject("message").put("id", id).put("type", "message").put("role", "assistant")
                    .put("model", model).putNull("stop_reason");
            message.putArray("content");
            message.putObject("usage").put("input_tokens", input).put("output_tokens", 1)
                    .put("cache_creation_input_tokens", cacheUse.written())
                    .put("cache_read_input_tokens", cacheUse.read());
            event(out, "message_start", start);
            ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
            blockStart.putObject("content_block").put("type", "text").put("text", "");
            event(out, "content_block_start", blockStart);
            for (String piece : pieces(answer)) {
                ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
                delta.putObject("delta").put("type", "text_delta").put("text", piece);
                event(out, "content_block_delta", delta);
            }
            event(out, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
            ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
            end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
            end.putObject("usage").put("output_tokens", output);
            event(out, "message_delta", end);
            event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
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

    /** An error body both wire formats' clients read; the message is written by Jackson, so a path cannot break it. */
    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message);
        send(exchange, status, "application/json", error.toString());
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
}
