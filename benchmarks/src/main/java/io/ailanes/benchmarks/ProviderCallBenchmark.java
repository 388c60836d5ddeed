package io.ailanes.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's call path (adapter, retries, timeouts watchdog, JSON/SSE parsing, usage) against a bare
 * HttpClient request to the same loopback server reading the same bytes. The ratio of the two medians is
 * the engine's overhead; both share the machine's noise, so the ratio is what to read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProviderCallBenchmark {

    private HttpServer server;
    private ChatProvider engine;
    private CloseableHttpClient raw;
    private String url;
    private byte[] jsonBody;
    private byte[] streamBody;
    private ChatRequest jsonRequest;
    private ChatRequest streamRequest;

    @Setup(Level.Trial)
    public void start() throws IOException {
        // Without TCP_NODELAY the JDK server's small writes meet delayed ACKs: every call would take 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] reply = Payloads.jsonReply(1_800).getBytes(StandardCharsets.UTF_8);
        byte[] stream = Payloads.sseStream(100_000).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/json/chat/completions", exchange -> respond(exchange, "application/json", reply));
        server.createContext("/stream/chat/completions", exchange -> respond(exchange, "text/event-stream", stream));
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "bench-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        engine = Providers.create(ProviderConfig.of("bench", ProviderKind.OPENAI, url + "/json", ApiKey.NONE));
        streamEngine = Providers.create(ProviderConfig.of("bench", ProviderKind.OPENAI, url + "/stream", ApiKey.NONE));
        raw = HttpClients.custom().disableAutomaticRetries().disableContentCompression().build();
        jsonRequest = ChatRequest.builder("gpt-5-mini").system("Be brief.").user("Explain the change.").build();
        streamRequest = ChatRequest.builder("gpt-5-mini").system("Be brief.").user("Explain the change.").stream(true).build();
        jsonBody = "{\"model\":\"gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Explain the change.\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        streamBody = jsonBody;
    }

    private ChatProvider streamEngine;

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String type, byte[] body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        engine.close();
        streamEngine.close();
        raw.close();
        server.stop(0);
    }

    @Benchmark
    public void engineJson(Blackhole hole) {
        hole.consume(engine.chat(jsonRequest));
    }

    @Benchmark
    public void rawJson(Blackhole hole) throws IOException {
        hole.consume(post(url + "/json/chat/completions", jsonBody, false));
    }

    @Benchmark
    public void engineStream(Blackhole hole) {
        hole.consume(streamEngine.chat(streamRequest));
    }

    @Benchmark
    public void rawStream(Blackhole hole) throws IOException {
        hole.consume(post(url + "/stream/chat/completions", streamBody, true));
    }

    /**
     * The least a correct streaming client does: read the event lines and parse each event's JSON to take its
     * text. The engine's overhead is measured against this, not against discarding bytes.
     */
    @Benchmark
    public void rawStreamParsed(Blackhole hole) throws IOException {
        HttpPost post = new HttpPost(url + "/stream/chat/completions");
        post.setEntity(new ByteArrayEntity(streamBody, ContentType.APPLICATION_JSON));
        StringBuilder text = new StringBuilder();
        try (ClassicHttpResponse response = raw.executeOpen(null, post, null);
                java.io.BufferedReader in = new java.io.BufferedReader(
                        new java.io.InputStreamReader(response.getEntity().getContent(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                    com.fasterxml.jackson.databind.JsonNode event = MAPPER.readTree(line.substring(6));
                    com.fasterxml.jackson.databind.JsonNode content = event.path("choices").path(0).path("delta").path("content");
                    if (content.isTextual()) {
                        text.append(content.asText());
                    }
                }
            }
        }
        hole.consume(text.toString());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    private long post(String target, byte[] body, boolean discard) throws IOException {
        HttpPost post = new HttpPost(target);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        try (ClassicHttpResponse response = raw.executeOpen(null, post, null);
                InputStream in = response.getEntity().getContent()) {
            if (!discard) {
                return in.readAllBytes().length;
            }
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
            return total;
        }
    }
}
