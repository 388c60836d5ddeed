package io.ailanes.engine.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.testing.Sse;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine hands streamed text on as it arrives and never holds a whole stream. */
class StreamingIsIncrementalTest {

    private HttpServer server;

    private ChatProvider provider(HttpServer started) {
        server = started;
        return Providers.create(ProviderConfig.of("local", ProviderKind.OPENAI,
                "http://127.0.0.1:" + started.getAddress().getPort() + "/v1", ApiKey.NONE).withRetry(RetryPolicy.NONE));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theFirstDeltaReachesTheListenerBeforeTheServerSendsTheRest() throws Exception {
        CountDownLatch firstDeltaSeen = new CountDownLatch(1);
        AtomicBoolean restWaitedForTheListener = new AtomicBoolean();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(Sse.delta("first").getBytes(StandardCharsets.UTF_8));
                out.flush();
                // The rest is sent only once the client has handed "first" to its listener: an engine that
                // buffered the stream would never see it, and the latch would time out.
                try {
                    restWaitedForTheListener.set(firstDeltaSeen.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write((Sse.delta(" second") + Sse.finish("stop") + Sse.usage(3, 2) + Sse.DONE)
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        http.start();

        try (ChatProvider provider = provider(http)) {
            ChatResponse response = provider.chat(ChatRequest.builder("m").user("hi").stream(true).build(),
                    new CallListener() {
                        @Override
                        public void onText(String delta) {
                            firstDeltaSeen.countDown();
                        }
                    }, Cancellation.none());

            assertThat(restWaitedForTheListener).isTrue();
            assertThat(response.text()).isEqualTo("first second");
        }
    }

    @Test
    void aTwentyMegabyteStreamPassesThroughWithItsUsage() throws Exception {
        String event = Sse.delta("");
        int events = 20_000_000 / event.length();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicLong sent = new AtomicLong();
        http.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < events; i++) {
                    out.write(bytes);
                    sent.addAndGet(bytes.length);
                }
                out.write((Sse.delta("end") + Sse.finish("stop") + Sse.usage(10, events)).getBytes(StandardCharsets.UTF_8));
                out.write(Sse.DONE.getBytes(StandardCharsets.UTF_8));
            }
        });
        http.start();

        try (ChatProvider provider = provider(http)) {
            ChatResponse response = provider.chat(ChatRequest.builder("m").user("hi").stream(true).build());

            assertThat(sent.get()).isGreaterThan(19_000_000);
            assertThat(response.text()).isEqualTo("end");
            assertThat(response.usage().outputTokens()).isEqualTo(events);
        }
    }
}
