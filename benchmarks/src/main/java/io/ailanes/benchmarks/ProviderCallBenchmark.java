package io.ailanes.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.provider.http.Providers;
import io.ailanes.engine.provider.openai.OpenAiAdapter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's provider call path ({@link ChatProvider#chat}: request building, HTTP, timeout watchdog,
 * reply parsing, stream decoding, usage) against a raw Apache HttpClient 5 POST of the same bytes to the
 * same loopback server. The figure that matters is the ratio of the medians, engine/raw, per case
 * ({@link RatioReport} prints it).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
// Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK
// and every call takes 40 ms; HttpClient sets it on its side already.
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true"})
public class ProviderCallBenchmark {

    /** The non-streamed reply: about 2 KB, of which 1.8 KB is content. */
    static final int JSON_CONTENT_CHARS = 1_800;
    /** The streamed reply: about 100 KB of events. */
    static final int STREAM_BYTES = 100 * 1024;

    /** The server, one engine provider and one raw client per case; both clients keep their connections. */
    @State(Scope.Benchmark)
    public static class Json {
        LoopbackServer server;
        ChatProvider engine;
        RawClient raw;
        ChatRequest request;
        String url;
        byte[] body;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            server = LoopbackServer.start(Payloads.completion(JSON_CONTENT_CHARS), false);
            ProviderConfig config = ProviderConfig.of("bench", ProviderKind.OPENAI, server.baseUrl(), ApiKey.NONE);
            engine = Providers.create(config);
            request = request(false);
            body = new OpenAiAdapter(config).toWire(request).body(); // exactly the bytes the engine sends
            url = config.baseUrl() + "/chat/completions";
            raw = new RawClient();
            expect(java.util.Arrays.equals(RawOpenAi.body(request), body), "raw request body differs from the engine's");

            ChatResponse response = engine.chat(request);
            expect(response.text().length() == JSON_CONTENT_CHARS, "engine text length " + response.text().length());
            expect(response.usage().equals(new Usage(Payloads.PROMPT_TOKENS - Payloads.CACHED_TOKENS,
                    Payloads.CACHED_TOKENS, 0, 0, (JSON_CONTENT_CHARS + 3) / 4, 0)), "engine usage " + response.usage());
            try (ClassicHttpResponse reply = raw.post(url, body, "application/json");
                    InputStream in = reply.getEntity().getContent()) {
                RawOpenAi.Fields fields = RawOpenAi.reply(in.readAllBytes());
                expect(fields.text().equals(response.text()) && fields.finishReason().equals(response.rawFinishReason())
                        && fields.cachedTokens() == response.usage().cacheReadTokens()
                        && fields.completionTokens() == response.usage().totalOutputTokens(),
                        "raw reading differs from the engine's: " + fields);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
            raw.close();
            server.close();
        }
    }

    /** As {@link Json}, for the event stream. */
    @State(Scope.Benchmark)
    public static class Stream {
        /**
         * How the server writes the stream: {@code events} one event per write and flush, as providers do;
         * {@code burst} all 100 KB at once, which leaves nothing to overlap the client's work with and so
         * shows the client's own cost.
         */
        @Param({"events", "burst"})
        public String write;

        /** The stream's size in KB: 100 by default; {@code -p kb=1024} for the 1 MB burst. */
        @Param({"100"})
        public int kb;

        LoopbackServer server;
        ChatProvider engine;
        RawClient raw;
        ChatRequest request;
        String url;
        byte[] body;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            int bytes = kb * 1024;
            server = LoopbackServer.start(Payloads.stream(bytes), write.equals("events"), serverThreads());
            ProviderConfig config = ProviderConfig.of("bench", ProviderKind.OPENAI, server.baseUrl(), ApiKey.NONE);
            engine = Providers.create(config);
            request = request(true);
            body = new OpenAiAdapter(config).toWire(request).body();
            url = config.baseUrl() + "/chat/completions";
            raw = new RawClient();

            ChatResponse response = engine.chat(request);
            expect(response.usage().cacheReadTokens() == Payloads.CACHED_TOKENS
                    && response.usage().outputTokens() == Payloads.streamTokens(bytes),
                    "engine usage " + response.usage());
            expect(response.text().equals(Payloads.streamText(bytes)), "engine text");
        }

        /** Threads serving requests: 0 is the dispatcher thread alone (one connection at a time). */
        int serverThreads() {
            return 0;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
            raw.close();
            server.close();
        }
    }

    /** As {@link Stream}, served by 8 threads, for the 8-thread throughput benchmarks. */
    @State(Scope.Benchmark)
    public static class Stream8 extends Stream {
        @Override
        int serverThreads() {
            return 8;
        }
    }

    @Benchmark
    public ChatResponse engineJson(Json json) {
        return json.engine.chat(json.request);
    }

    /** The floor: the engine's request bytes, made once, POSTed; the reply read to bytes and not parsed. */
    @Benchmark
    public byte[] rawJson(Json json) throws IOException {
        try (ClassicHttpResponse response = json.raw.post(json.url, json.body, "application/json");
                InputStream in = response.getEntity().getContent()) {
            return in.readAllBytes();
        }
    }

    /**
     * The same work as the engine, written the plain way: the body built from the request with a Jackson tree
     * (same bytes as the engine's), the reply read into a tree and the engine's fields taken from it (id,
     * model, text, finish reason, every usage count). The fair comparison for the engine's own work;
     * {@link #rawJson} is the floor.
     */
    @Benchmark
    public RawOpenAi.Fields rawJsonParsed(Json json) throws IOException {
        try (ClassicHttpResponse response = json.raw.post(json.url, RawOpenAi.body(json.request), "application/json");
                InputStream in = response.getEntity().getContent()) {
            return RawOpenAi.reply(in.readAllBytes());
        }
    }

    @Benchmark
    public ChatResponse engineStream(Stream stream, Blackhole blackhole) {
        CallListener listener = new CallListener() {
            @Override
            public void onText(String delta) {
                blackhole.consume(delta);
            }
        };
        return stream.engine.chat(stream.request, listener, Cancellation.none());
    }

    /** The floor: the bytes read and discarded, 8 KB at a time. */
    @Benchmark
    public long rawStream(Stream stream, Blackhole blackhole) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        try (ClassicHttpResponse response = stream.raw.post(stream.url, stream.body, "text/event-stream");
                InputStream in = response.getEntity().getContent()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                blackhole.consume(buffer);
                total += n;
            }
        }
        return total;
    }

    /**
     * The least a correct streaming client does: split the event lines and parse each event's JSON for its
     * text (a Jackson tree, as most hand-written clients do). This is the fair comparison for the per-event
     * work; {@link #rawStream} is the floor.
     */
    @Benchmark
    public String rawStreamParsed(Stream stream, Blackhole blackhole) throws IOException {
        StringBuilder text = new StringBuilder();
        try (ClassicHttpResponse response = stream.raw.post(stream.url, stream.body, "text/event-stream");
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(response.getEntity().getContent(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                    JsonNode content = io.ailanes.engine.json.Json.MAPPER.readTree(line.substring(6))
                            .path("choices").path(0).path("delta").path("content");
                    if (content.isTextual()) {
                        blackhole.consume(content.asText());
                        text.append(content.asText());
                    }
                }
            }
        }
        return text.toString();
    }

    /** {@link #engineStream} on 8 threads at once: calls per second (compare with the raw sides' *8). */
    @Benchmark
    @Threads(8)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ChatResponse engineStream8(Stream8 stream, Blackhole blackhole) {
        return engineStream(stream, blackhole);
    }

    @Benchmark
    @Threads(8)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long rawStream8(Stream8 stream, Blackhole blackhole) throws IOException {
        return rawStream(stream, blackhole);
    }

    @Benchmark
    @Threads(8)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String rawStreamParsed8(Stream8 stream, Blackhole blackhole) throws IOException {
        return rawStreamParsed(stream, blackhole);
    }

    static ChatRequest request(boolean stream) {
        return ChatRequest.builder("gpt-4o-mini")
                .system("You are a careful senior engineer. Answer in plain prose.")
                .user("Explain in about three hundred words how a two-lane model router keeps costs bounded.")
                .maxOutputTokens(2048)
                .stream(stream)
                .build();
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark setup check failed: " + what);
        }
    }

    /** A pooled HttpClient 5 classic client with the engine's transport settings, nothing more. */
    static final class RawClient implements AutoCloseable {
        private final PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(10))
                        .setSocketTimeout(Timeout.ofSeconds(125))
                        .build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(32)
                .build();
        private final CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofSeconds(125))
                        .setConnectionRequestTimeout(Timeout.ofSeconds(10))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .setUserAgent("raw")
                .build();

        ClassicHttpResponse post(String url, byte[] body, String accept) throws IOException {
            HttpPost post = new HttpPost(url);
            post.setHeader("Accept", accept);
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            return client.executeOpen(null, post, null);
        }

        @Override
        public void close() {
            client.close(CloseMode.GRACEFUL);
            connections.close(CloseMode.GRACEFUL);
        }
    }
}
