package io.ailanes.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A JDK HTTP server on 127.0.0.1 that answers {@code POST /v1/chat/completions} with one fixed body.
 * The engine and the raw client both talk to it, so its own cost is on both sides of the ratio.
 */
final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;

    private LoopbackServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param eventByEvent write an event stream one event ({@code \n\n}-terminated) per write and flush, as
     *     providers do; otherwise the whole body at once with a Content-Length
     */
    static LoopbackServer start(byte[] body, boolean eventByEvent) throws IOException {
        return start(body, eventByEvent, 0);
    }

    /** As {@link #start(byte[], boolean)}, served by {@code threads} threads (0: the dispatcher thread alone). */
    static LoopbackServer start(byte[] body, boolean eventByEvent, int threads) throws IOException {
        // Read by the JDK when the server class loads; the fork's -D argument sets it too.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        String contentType = eventByEvent || body.length > 0 && body[0] == 'd' ? "text/event-stream" : "application/json";
        server.createContext("/v1/chat/completions", exchange -> respond(exchange, contentType, body, eventByEvent));
        // The default executor is the dispatcher thread: one connection at a time, which is all a
        // single-threaded benchmark uses, and no hand-off between threads per request.
        if (threads > 0) {
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "loopback");
                thread.setDaemon(true);
                return thread;
            }));
        }
        server.start();
        return new LoopbackServer(server);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private static void respond(HttpExchange exchange, String contentType, byte[] body, boolean eventByEvent)
            throws IOException {
        try (exchange) {
            try (InputStream request = exchange.getRequestBody()) {
                request.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (!eventByEvent) {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                int start = 0;
                for (int i = 0; i + 1 < body.length; i++) {
                    if (body[i] == '\n' && body[i + 1] == '\n') {
                        out.write(body, start, i + 2 - start);
                        out.flush();
                        start = i + 2;
                        i++;
                    }
                }
                if (start < body.length) {
                    out.write(body, start, body.length - start);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
