package io.ailanes.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    private final HttpServer server;
    private final ExecutorService executor;
    private final ChatCompletions chatCompletions;
    private final Messages messages;
    private final List<Received> received = new ArrayList<>();
    private volatile String requiredProxyAuthorization;

    private ModelServer(HttpServer server, ExecutorService executor, Script script, PromptCache cache) {
        this.server = server;
        this.executor = executor;
        PrefixCache prefixCache = new PrefixCache(cache);
        AtomicLong ids = new AtomicLong();
        this.chatCompletions = new ChatCompletions(script, prefixCache, ids);
        this.messages = new Messages(script, prefixCache, ids);
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
                Replies.send(exchange, 407, "text/plain", "Proxy Authentication Required");
            } else if (!"POST".equals(exchange.getRequestMethod())) {
                Replies.sendError(exchange, 405, "use POST");
            } else if (body == null) {
                Replies.sendError(exchange, 400, "body is not a JSON object");
            } else if (path.endsWith("/chat/completions")) {
                chatCompletions.answer(exchange, body);
            } else if (path.endsWith("/messages")) {
                messages.answer(exchange, body);
            } else {
                Replies.sendError(exchange, 404, "no such endpoint: " + path);
            }
        }
    }

    private static JsonNode jsonObject(byte[] bytes) {
        try {
            JsonNode node = Replies.JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
