package io.ailanes.engine.provider;

import static io.ailanes.engine.provider.Attempt.Outcome.FAILED;
import static io.ailanes.engine.provider.Attempt.Outcome.RETRYING;
import static io.ailanes.engine.provider.Attempt.Outcome.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import io.ailanes.engine.testing.ScriptedBody;
import io.ailanes.engine.testing.Sse;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The provider client against a misbehaving server on loopback: every fault ends in the documented retry
 * or classified error, with the attempt count seen three ways (the exception, the server, the listener).
 * Timeouts are a few hundred milliseconds so the class runs in seconds.
 */
class FaultInjectionTest {

    private static final String KEY = "sk-test-FAULTS-0123456789abcdef";
    /** For the timeout cases: short enough for a fast class, long enough for a loaded CI machine. */
    private static final Timeouts FAST = new Timeouts(
            Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(10));
    /** For everything else, so a slow machine never turns a status test into a timeout test. */
    private static final Timeouts RELAXED = new Timeouts(
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
    /** Three attempts, millisecond backoff, no jitter: retries cost no wall time. */
    private static final RetryPolicy RETRY =
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0, Duration.ofSeconds(1));
    private static final String RATE_LIMIT_BODY = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o on requests"
            + " per min (RPM): Limit 3, Used 3, Requested 1.\",\"type\":\"requests\",\"param\":null,"
            + "\"code\":\"rate_limit_exceeded\"}}";
    private static final String NGINX_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.started();
    private final MockWebServer server = loopback.server();
    private final RecordingListener listener = new RecordingListener();

    private ProviderConfig config() {
        return ProviderConfig.of("openai", ProviderKind.OPENAI, server.url("/v1").toString(), ApiKey.of(KEY))
                .withTimeouts(RELAXED)
                .withRetry(RETRY);
    }

    private ChatProvider provider(ProviderConfig config) {
        return loopback.closeAfter(Providers.create(config));
    }

    private ChatProvider provider() {
        return provider(config());
    }

    /** A client whose clock is fixed (HTTP-date Retry-After becomes an exact Duration). */
    private ChatProvider provider(ProviderConfig config, Clock clock) {
        return loopback.closeAfter(new ProviderClient(config, Providers.adapter(config), clock, () -> 0.5));
    }

    private ScriptedBody body() {
        ScriptedBody body = new ScriptedBody();
        loopback.closeAfter(body::release); // lets a stalled server thread finish before the server closes
        return body;
    }

    private static ChatRequest request() {
        return ChatRequest.builder("gpt-4o").user("Hi").build();
    }

    private static ChatRequest streamRequest() {
        return ChatRequest.builder("gpt-4o").user("Hi").stream(true).build();
    }

    private static MockResponse ok() {
        return Responses.json(200, Fixtures.text("openai/chat_completion_default.response.json"));
    }

    private static MockResponse okStream() {
        return Responses.sse(Sse.complete("Hello"));
    }

    private ProviderException failure(ChatProvider provider, ChatRequest request) {
        return failure(provider, request, Cancellation.none());
    }

    private ProviderException failure(ChatProvider provider, ChatRequest request, Cancellation cancellation) {
        Throwable thrown = catchThrowable(() -> provider.chat(request, listener, cancellation));
        assertThat(thrown).isInstanceOf(ProviderException.class);
        return (ProviderException) thrown;
    }

    private ChatResponse success(ChatProvider provider, ChatRequest request) {
        return provider.chat(request, listener, Cancellation.none());
    }

    private List<Attempt.Outcome> outcomes() {
        return listener.attempts.stream().map(Attempt::outcome).toList();
    }

    /** The attempt count as the server and the listener saw it, and how each attempt ended. */
    private void assertAttempts(Attempt.Outcome... outcomes) {
        assertThat(server.getRequestCount()).as("requests the server received").isEqualTo(outcomes.length);
        assertThat(outcomes()).as("attempts the listener heard of").containsExactly(outcomes);
        assertThat(listener.attempts).extracting(Attempt::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, outcomes.length).boxed().toList());
    }

    private Attempt attempt(int number) {
        return listener.attempts.get(number - 1);
    }

    private static MockResponse rateLimited(String header, String value) {
        return new MockResponse.Builder()
                .code(429)
                .setHeader("Content-Type", "application/json")
                .setHeader(header, value)
                .body(RATE_LIMIT_BODY)
                .build();
    }

    @Nested
    class RetryAfterHeader {

        /** If Retry-After were ignored the wait would be this policy's backoff, 250 ms, not the provider's. */
        private final RetryPolicy slowBackoff =
                new RetryPolicy(3, Duration.ofMillis(250), Duration.ofMillis(250), 0, Duration.ofSeconds(10));

        @Test
        void secondsZeroRetriesAtOnce() {
            server.enqueue(rateLimited("Retry-After", "0"));
            server.enqueue(ok());

            ChatResponse response = success(provider(config().withRetry(slowBackoff)), request());

            assertThat(response.attempts()).isEqualTo(2);
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).backoff()).isEqualTo(Duration.ZERO);
            assertThat(attempt(1).httpStatus()).isEqualTo(429);
            assertThat(attempt(1).error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(attempt(1).error().retryAfter()).contains(Duration.ZERO);
        }

        @Test
        void secondsAreTheWaitBeforeTheNextAttempt() {
            server.enqueue(rateLimited("Retry-After", "2"));
            server.enqueue(ok());
            ChatProvider provider = provider(config().withRetry(slowBackoff));
            Canceller canceller = new Canceller();
            // Observe the 2 s wait, then cut it short from another thread instead of sleeping through it.
            CallListener cancelWhenWaiting = new CallListener() {
                @Override
                public void onAttempt(Attempt attempt) {
                    listener.onAttempt(attempt);
                    if (attempt.outcome() == RETRYING) {
                        canceller.cancelIn(50);
                    }
                }
            };

            Throwable thrown = catchThrowable(() -> provider.chat(request(), cancelWhenWaiting, canceller.cancellation));

            assertThat(thrown).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
                assertThat(e.retryable()).isFalse();
                assertThat(e.attempts()).isEqualTo(1);
            });
            assertThat(canceller.sinceCancel()).isLessThan(Duration.ofMillis(500));
            assertThat(attempt(1).outcome()).isEqualTo(RETRYING);
            assertThat(attempt(1).backoff()).isEqualTo(Duration.ofSeconds(2));
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void httpDateIsMeasuredAgainstTheClock() {
            // 50 ms before the date the server names: the wait is exactly 50 ms, and really taken.
            Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00.950Z"), ZoneOffset.UTC);
            server.enqueue(rateLimited("Retry-After", "Sun, 01 Mar 2026 12:00:01 GMT"));
            server.enqueue(ok());

            ChatResponse response = success(provider(config().withRetry(slowBackoff), clock), request());

            assertThat(response.attempts()).isEqualTo(2);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).backoff()).isEqualTo(Duration.ofMillis(50));
            assertThat(server.getRequestCount()).isEqualTo(2);
        }

        @Test
        void httpDateTwoSecondsAhead() {
            Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
            server.enqueue(rateLimited("Retry-After", "Sun, 01 Mar 2026 12:00:02 GMT"));
            Cancellation cancellation = new Cancellation();
            CallListener cancelWhenWaiting = new CallListener() {
                @Override
                public void onAttempt(Attempt attempt) {
                    listener.onAttempt(attempt);
                    cancellation.cancel();
                }
            };

            Throwable thrown = catchThrowable(() -> provider(config().withRetry(slowBackoff), clock)
                    .chat(request(), cancelWhenWaiting, cancellation));

            assertThat(thrown).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
            assertThat(attempt(1).backoff()).isEqualTo(Duration.ofSeconds(2));
            assertThat(attempt(1).error().retryAfter()).contains(Duration.ofSeconds(2));
            assertAttempts(RETRYING);
        }

        @Test
        void retryAfterMsTakesPrecedenceOverRetryAfter() {
            server.enqueue(new MockResponse.Builder()
                    .code(429)
                    .setHeader("Content-Type", "application/json")
                    .setHeader("retry-after-ms", "50")
                    .setHeader("Retry-After", "30")
                    .body(RATE_LIMIT_BODY)
                    .build());
            server.enqueue(ok());

            ChatResponse response = success(provider(config().withRetry(slowBackoff)), request());

            assertThat(response.attempts()).isEqualTo(2);
            assertAttempts(RETRYING, SUCCEEDED);
            assertThat(attempt(1).backoff()).isEqualTo(Duration.ofMillis(50));
        }

        @Test
        void longerThanMaxRetryAfterEndsTheCall() {
            server.enqueue(rateLimited("Retry-After", "5"));
            server.enqueue(ok());

            ProviderException e = failure(provider(), request());

            assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.httpStatus()).contains(429);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
            assertThat(e.getMessage()).contains("HTTP 429", "Rate limit reached for gpt-4o",
                    "the provider asked to retry after 5 s, longer than the 1 s this provider is set to wait");
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(outcomes()).containsExactly(FAILED);
            assertThat(attempt(1).error().getMessage()).isEqualTo(e.getMessage());
        }
    }

    @Nested
    class StatusCodes {

        @ParameterizedTest(name = "{0} is retried, then {1}")
        @CsvSource({
            "500, SERVER_ERROR, openai/error_500_server_error.json",
            "502, SERVER_ERROR, nginx",
            "503, SERVER_ERROR, openai/error_500_server_error.json",
            "529, OVERLOADED, anthropic/error_529_overloaded_error.json",
        })
        void serverErrorsAreRetriedUpToMaxAttempts(int status, ErrorKind kind, String fixture) {
            boolean html = fixture.equals("nginx");
            for (int i = 0; i < RETRY.maxAttempts(); i++) {
                server.enqueue(html
                        ? Responses.html(status, NGINX_502)
                        : Responses.json(status, Fixtures.text(fixture)));
            }
            server.enqueue(ok());

            ProviderException e = failure(provider(), request());

            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.retryable()).isTrue();
            assertThat(e.attempts()).isEqualTo(RETRY.maxAttempts());
            assertThat(e.httpStatus()).contains(status);
            assertThat(server.getRequestCount()).isEqualTo(RETRY.maxAttempts());
            assertThat(outcomes()).containsExactly(RETRYING, RETRYING, FAILED);
            assertThat(listener.attempts).extracting(Attempt::httpStatus).containsOnly(status);
            String expected = switch (status) {
                case 502 -> "502 Bad Gateway";
                case 529 -> "Overloaded";
                default -> "The server had an error processing your request";
            };
            assertThat(e.getMessage()).contains("HTTP " + status, expected, "after 3 attempts")
                    .doesNotContain("<", ">");
        }

        @Test
        void nginxPageIsReducedToItsTitle() {
            server.enqueue(Responses.html(502, NGINX_502));

            ProviderException e = failure(provider(config().withRetry(RetryPolicy.NONE)), request());

            assertThat(e.providerMessage()).isEqualTo("502 Bad Gateway");
            assertThat(e.attempts()).isEqualTo(1);
            assertAttempts(FAILED);
            assertThat(e.getMessage()).isEqualTo(
                    "provider 'openai', model 'gpt-4o': HTTP 502 provider server error: 502 Bad Gateway (retryable)");
        }

        @ParameterizedTest(name = "{0} is final: {1}")
        @CsvSource(delimiter = '|', value = {
            "400 | BAD_REQUEST    | invalid_request_error | Invalid value for 'temperature'",
            "401 | AUTHENTICATION | invalid_request_error | Incorrect API key provided",
            "403 | PERMISSION     | invalid_request_error | Project does not have access to model gpt-4o",
            "404 | NOT_FOUND      | invalid_request_error | The model gpt-9 does not exist",
        })
        void clientErrorsAreNotRetried(int status, ErrorKind kind, String type, String message) {
            server.enqueue(Responses.json(status,
                    "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}"));
            server.enqueue(ok());

            ProviderException e = failure(provider(), request());

            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.retryable()).isFalse();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.httpStatus()).contains(status);
            assertThat(e.getMessage()).contains("HTTP " + status, message, "(not retryable)");
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(outcomes()).containsExactly(FAILED);
        }

        @ParameterizedTest(name = "{0} is retried")
        @CsvSource({"408, REQUEST_TIMEOUT", "409, CONFLICT"})
        void timeoutAndConflictAreRetried(int status, ErrorKind kind) {
            server.enqueue(Responses.json(status, "{\"error\":{\"message\":\"try again\",\"type\":\"server_error\"}}"));
            server.enqueue(ok());

            ChatResponse response = success(provider(), request());

            assertThat(response.text()).isEqualTo("Hello! How can I assist you today?");
            assertThat(response.attempts()).isEqualTo(2);
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).error().kind()).isEqualTo(kind);
        }

        @Test
        void shouldRetryFalseStopsA500() {
            server.enqueue(new MockResponse.Builder(Responses.json(500, Fixtures.text("openai/error_500_server_error.json")))
                    .setHeader("x-should-retry", "false")
                    .build());
            server.enqueue(ok());

            ProviderException e = failure(provider(), request());

            assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
            assertThat(e.retryable()).isFalse();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(outcomes()).containsExactly(FAILED);
        }

        @Test
        void shouldRetryTrueRetriesA400() {
            server.enqueue(new MockResponse.Builder(Responses.json(400,
                            "{\"error\":{\"message\":\"transient validation glitch\",\"type\":\"invalid_request_error\"}}"))
                    .setHeader("x-should-retry", "true")
                    .build());
            server.enqueue(ok());

            ChatResponse response = success(provider(), request());

            assertThat(response.attempts()).isEqualTo(2);
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).error().kind()).isEqualTo(ErrorKind.BAD_REQUEST);
            assertThat(attempt(1).error().retryable()).isTrue();
        }
    }

    @Nested
    class Connections {

        @Test
        void jsonReplyCutMidBodyIsRetried() {
            server.enqueue(new MockResponse.Builder(ok())
                    .throttleBody(64, 1, TimeUnit.MILLISECONDS) // flushes, so the first half reaches the client
                    .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
                    .build());
            server.enqueue(ok());

            ChatResponse response = success(provider(), request());

            assertThat(response.text()).isEqualTo("Hello! How can I assist you today?");
            assertThat(response.attempts()).isEqualTo(2);
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).error().kind()).isEqualTo(ErrorKind.CONNECTION);
        }

        @Test
        void jsonReplyShutdownMidBodyIsRetried() {
            server.enqueue(new MockResponse.Builder(ok())
                    .throttleBody(64, 1, TimeUnit.MILLISECONDS)
                    .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                    .build());
            server.enqueue(ok());

            ChatResponse response = success(provider(), request());

            assertThat(response.attempts()).isEqualTo(2);
            assertAttempts(RETRYING, SUCCEEDED);
            assertThat(attempt(1).error().kind()).isEqualTo(ErrorKind.CONNECTION);
        }

        @Test
        void streamCutMidBodyIsRetried() {
            server.enqueue(new MockResponse.Builder(Responses.sse(Fixtures.text("openai/stream_gpt4o_text_include_usage.sse")))
                    .throttleBody(512, 1, TimeUnit.MILLISECONDS)
                    .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
                    .build());
            server.enqueue(okStream());

            ChatResponse response = success(provider(), streamRequest());

            assertThat(response.text()).isEqualTo("Hello");
            assertThat(response.attempts()).isEqualTo(2);
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).error().kind()).isEqualTo(ErrorKind.CONNECTION);
            assertThat(attempt(1).error().getMessage()).contains("stream broke off");
            // The broken attempt's text reached the listener before the cut; the retry's text follows it.
            assertThat(listener.streamedText()).startsWith("I'm unable").endsWith("Hello");
        }

        @Test
        void streamCutAtAnEventBoundaryWithoutFinishIsMalformedAndRetried() {
            server.enqueue(body().write(Sse.delta("Hel")).write(Sse.delta("lo")).end().sse());
            server.enqueue(okStream());

            ChatResponse response = success(provider(), streamRequest());

            assertThat(response.attempts()).isEqualTo(2);
            assertAttempts(RETRYING, SUCCEEDED);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).error().kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(attempt(1).error().getMessage()).contains("stream ended before the model finished");
        }

        @Test
        void refusedConnectionIsRetried() throws Exception {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            ChatProvider provider = provider(ProviderConfig.of(
                            "openai", ProviderKind.OPENAI, "http://127.0.0.1:" + closedPort + "/v1", ApiKey.of(KEY))
                    .withTimeouts(FAST)
                    .withRetry(RETRY));

            ProviderException e = failure(provider, request());

            assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
            assertThat(e.retryable()).isTrue();
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.httpStatus()).isEmpty();
            assertThat(outcomes()).containsExactly(RETRYING, RETRYING, FAILED);
            assertThat(e.getMessage()).contains("connection failed").doesNotContain(KEY);
        }
    }

    @Nested
    class Timeouts_ {

        @Test
        void slowFirstByteTimesOutAndIsRetried() {
            server.enqueue(new MockResponse.Builder(ok()).headersDelay(2, TimeUnit.SECONDS).build());
            server.enqueue(ok());

            ChatResponse response = success(provider(config().withTimeouts(FAST)), request());

            assertThat(response.attempts()).isEqualTo(2);
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).error().kind()).isEqualTo(ErrorKind.TIMEOUT_FIRST_BYTE);
            assertThat(attempt(1).error().getMessage()).contains("no response within 500 ms");
            assertThat(attempt(1).latency()).isBetween(Duration.ofMillis(490), Duration.ofMillis(1500));
        }

        @Test
        void stalledStreamTimesOutIdleAndIsRetried() {
            server.enqueue(body().write(Sse.delta("Hel")).write(Sse.delta("lo")).stall().sse());
            server.enqueue(okStream());

            ChatResponse response = success(provider(config().withTimeouts(FAST)), streamRequest());

            assertThat(response.text()).isEqualTo("Hello");
            assertThat(response.attempts()).isEqualTo(2);
            assertAttempts(RETRYING, SUCCEEDED);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).error().kind()).isEqualTo(ErrorKind.TIMEOUT_IDLE);
            assertThat(attempt(1).error().getMessage()).contains("no data for 500 ms");
            assertThat(attempt(1).latency()).isBetween(Duration.ofMillis(490), Duration.ofMillis(1500));
            assertThat(listener.deltas).containsExactly("Hel", "lo", "Hello");
        }

        @Test
        void stalledJsonBodyTimesOutIdle() {
            String reply = Fixtures.text("openai/chat_completion_default.response.json");
            server.enqueue(body().write(reply.substring(0, 100)).stall().response(200, "application/json"));

            ProviderException e = failure(provider(config().withTimeouts(FAST).withRetry(RetryPolicy.NONE)), request());

            assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT_IDLE);
            assertThat(e.attempts()).isEqualTo(1);
            assertAttempts(FAILED);
        }

        @Test
        void tricklingStreamHitsTheTotalTimeoutWhichIsFinal() {
            List<String> pieces = Collections.nCopies(60, Sse.delta("x"));
            server.enqueue(body().trickle(pieces, 40).end().sse());
            server.enqueue(okStream());
            Timeouts timeouts = new Timeouts(
                    Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(800));

            ProviderException e = failure(provider(config().withTimeouts(timeouts)), streamRequest());

            assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT_TOTAL);
            assertThat(e.retryable()).isFalse();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.getMessage()).contains("no complete response within 800 ms");
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(outcomes()).containsExactly(FAILED);
            assertThat(listener.deltas).hasSizeBetween(3, 25);
        }

        @Test
        void completedStreamIsNotHeldByAServerThatKeepsTheConnectionOpen() {
            // Everything arrives, [DONE] included, but the chunked body never ends (a buffering proxy).
            server.enqueue(body().write(Sse.complete("Hello")).stall().sse());
            Timeouts patient = new Timeouts(
                    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5));
            ChatProvider provider = provider(config().withTimeouts(patient));
            long start = System.nanoTime();

            ChatResponse response = success(provider, streamRequest());

            assertThat(response.text()).isEqualTo("Hello");
            assertThat(response.attempts()).isEqualTo(1);
            assertAttempts(SUCCEEDED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));

            // The held connection was dropped, not pooled: the next call gets a fresh one and works.
            server.enqueue(okStream());
            assertThat(success(provider, streamRequest()).text()).isEqualTo("Hello");
        }

        @Test
        void streamsThatEndProperlyKeepTheirConnection() throws Exception {
            server.enqueue(okStream());
            server.enqueue(okStream());
            server.enqueue(ok());
            ChatProvider provider = provider();

            success(provider, streamRequest());
            success(provider, streamRequest());
            success(provider, request());

            assertThat(server.takeRequest().getExchangeIndex()).isZero();
            assertThat(server.takeRequest().getExchangeIndex()).isEqualTo(1);
            assertThat(server.takeRequest().getExchangeIndex()).isEqualTo(2);
        }
    }

    @Nested
    class Bodies {

        @Test
        void truncatedStreamIsMalformedAndRetryable() {
            for (int i = 0; i < RETRY.maxAttempts(); i++) {
                server.enqueue(Responses.sse(Sse.delta("Hel") + Sse.delta("lo")));
            }

            ProviderException e = failure(provider(), streamRequest());

            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getMessage()).contains("stream ended before the model finished (no finish_reason)");
            assertThat(server.getRequestCount()).isEqualTo(3);
            assertThat(outcomes()).containsExactly(RETRYING, RETRYING, FAILED);
        }

        @Test
        void streamWithFinishButWithoutUsageOrDoneIsMalformed() {
            server.enqueue(Responses.sse(Sse.delta("Hello") + Sse.finish("stop")));

            ProviderException e = failure(provider(config().withRetry(RetryPolicy.NONE)), streamRequest());

            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains("stream reports no token usage");
            assertThat(e.attempts()).isEqualTo(1);
            assertAttempts(FAILED);
        }

        @Test
        void htmlPageWithStatus200IsMalformed() {
            server.enqueue(Responses.html(200, "<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title>"
                    + "</head><body><form>...</form></body></html>"));

            ProviderException e = failure(provider(config().withRetry(RetryPolicy.NONE)), request());

            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.attempts()).isEqualTo(1);
            assertAttempts(FAILED);
            assertThat(e.getMessage()).contains("expected JSON but got an HTML page: Sign in - Corporate Proxy")
                    .doesNotContain("<");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(delimiter = '|', value = {
            "{\"foo\":1}                  | response has no choices[0]",
            "[]                           | response has no choices[0]",
            "null                         | response has no choices[0]",
            "{\"choices\":[null]}         | response has no choices[0]",
            "{\"choices\":{}}             | response has no choices[0]",
            "{\"choices\":[{}]}           | response reports no token usage",
            "{\"choices\":[{\"message\":7}],\"usage\":[]} | response reports no token usage",
            "''                           | response has no choices[0]",
            "{\"choices\":                | response is not JSON",
        })
        void wrongJsonShapeIsMalformedNeverANullPointer(String body, String message) {
            server.enqueue(Responses.json(200, body));

            ProviderException e = failure(provider(config().withRetry(RetryPolicy.NONE)), request());

            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains(message);
            assertThat(e.attempts()).isEqualTo(1);
            assertAttempts(FAILED);
        }

        @Test
        void anAdapterThatCrashesOnABodyStillEndsInAProviderException() {
            ProviderConfig config = config().withRetry(RetryPolicy.NONE);
            ProviderAdapter openAi = Providers.adapter(config);
            ProviderAdapter crashing = new ProviderAdapter() {
                @Override
                public WireRequest toWire(ChatRequest request) {
                    return openAi.toWire(request);
                }

                @Override
                public Reply parseReply(byte[] body) {
                    throw new NullPointerException("choices is null");
                }

                @Override
                public StreamDecoder streamDecoder(ChatRequest request) {
                    return openAi.streamDecoder(request);
                }

                @Override
                public WireError parseError(int status, java.util.Map<String, String> headers, String body) {
                    throw new IllegalStateException("unexpected error shape");
                }
            };
            ChatProvider provider = new ProviderClient(config, crashing, Clock.systemUTC(), () -> 0.5);
            loopback.closeAfter(provider);
            server.enqueue(ok());
            server.enqueue(Responses.json(503, "{\"unexpected\":true}"));

            ProviderException reply = failure(provider, request());
            ProviderException error = failure(provider, request());

            assertThat(reply.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(reply.getMessage()).contains("could not read the response: NullPointerException: choices is null");
            // The error body could not be read by the adapter: the status still classifies it.
            assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
            assertThat(error.getMessage()).contains("HTTP 503", "{\"unexpected\":true}");
        }

        @Test
        void wrongShapeInsideAStreamIsMalformed() {
            server.enqueue(Responses.sse("data: []\n\ndata: {\"foo\":1}\n\n"));

            ProviderException e = failure(provider(config().withRetry(RetryPolicy.NONE)), streamRequest());

            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains("stream event is not a chat.completion.chunk");
            assertThat(e.attempts()).isEqualTo(1);
            assertAttempts(FAILED);
        }

        @Test
        void bareErrorObjectWhereAStreamWasExpectedIsClassified() {
            String error = "{\"error\":{\"message\":\"The server is overloaded, please retry shortly.\","
                    + "\"type\":\"server_error\",\"param\":null,\"code\":null}}";
            for (int i = 0; i < RETRY.maxAttempts(); i++) {
                server.enqueue(Responses.sse(error));
            }

            ProviderException e = failure(provider(), streamRequest());

            assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
            assertThat(e.retryable()).isTrue();
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.providerMessage()).contains("The server is overloaded, please retry shortly.");
            assertThat(outcomes()).containsExactly(RETRYING, RETRYING, FAILED);
        }

        @Test
        void bareQuotaErrorWhereAStreamWasExpectedIsFinal() {
            server.enqueue(Responses.sse(Fixtures.text("openai/error_429_insufficient_quota.json")));
            server.enqueue(okStream());

            ProviderException e = failure(provider(), streamRequest());

            assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
            assertThat(e.attempts()).isEqualTo(1);
            assertAttempts(FAILED);
            assertThat(e.providerMessage()).contains("You exceeded your current quota");
        }

        @Test
        void errorEventMidStreamIsClassifiedAndRetried() {
            server.enqueue(Responses.sse(Sse.delta("Hel")
                    + "data: {\"error\":{\"message\":\"The model is overloaded.\",\"type\":\"server_error\"}}\n\n"));
            server.enqueue(okStream());

            ChatResponse response = success(provider(), streamRequest());

            assertThat(response.text()).isEqualTo("Hello");
            assertThat(response.attempts()).isEqualTo(2);
            assertAttempts(RETRYING, SUCCEEDED);
            assertThat(outcomes()).containsExactly(RETRYING, SUCCEEDED);
            assertThat(attempt(1).error().kind()).isEqualTo(ErrorKind.SERVER_ERROR);
            assertThat(attempt(1).error().getMessage()).contains("error event in stream: The model is overloaded.");
        }

        @Test
        void contextOverflowEventMidStreamIsFinal() {
            server.enqueue(Responses.sse(Sse.delta("Hel") + "data: {\"error\":{\"message\":\"This model's maximum"
                    + " context length is 128000 tokens.\",\"type\":\"invalid_request_error\","
                    + "\"code\":\"context_length_exceeded\"}}\n\n"));

            ProviderException e = failure(provider(), streamRequest());

            assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_OVERFLOW);
            assertThat(e.retryable()).isFalse();
            assertThat(e.attempts()).isEqualTo(1);
            assertAttempts(FAILED);
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelWhileAStreamIsStalledEndsPromptly() {
            server.enqueue(body().write(Sse.delta("Hel")).stall().sse());
            server.enqueue(okStream());
            ChatProvider provider = provider(); // idle and first-byte timeouts of 5 s
            Canceller canceller = new Canceller();
            CallListener cancelOnFirstText = new CallListener() {
                @Override
                public void onText(String delta) {
                    listener.onText(delta);
                    canceller.cancelIn(100);
                }

                @Override
                public void onAttempt(Attempt attempt) {
                    listener.onAttempt(attempt);
                }
            };

            Throwable thrown = catchThrowable(() -> provider.chat(streamRequest(), cancelOnFirstText, canceller.cancellation));

            // Well before the 5 s idle timeout.
            assertThat(canceller.sinceCancel()).isLessThan(Duration.ofMillis(500));
            assertThat(thrown).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
                assertThat(e.retryable()).isFalse();
                assertThat(e.attempts()).isEqualTo(1);
            });
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(outcomes()).containsExactly(FAILED);
            assertThat(listener.deltas).containsExactly("Hel");
        }

        @Test
        void cancelWhileWaitingForHeaders() {
            server.enqueue(new MockResponse.Builder(ok()).headersDelay(2, TimeUnit.SECONDS).build());
            ChatProvider provider = provider(); // idle and first-byte timeouts of 5 s
            Canceller canceller = new Canceller();
            canceller.cancelOnceReceived(server);

            ProviderException e = failure(provider, request(), canceller.cancellation);

            assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(e.attempts()).isEqualTo(1);
            assertAttempts(FAILED);
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(canceller.sinceCancel()).isLessThan(Duration.ofMillis(500));
        }

        @Test
        void cancelDuringABackoffWait() {
            RetryPolicy slow = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(5), 0, Duration.ofSeconds(10));
            server.enqueue(Responses.json(500, Fixtures.text("openai/error_500_server_error.json")));
            server.enqueue(ok());
            ChatProvider provider = provider(config().withRetry(slow));
            Canceller canceller = new Canceller();
            CallListener cancelWhenWaiting = new CallListener() {
                @Override
                public void onAttempt(Attempt attempt) {
                    listener.onAttempt(attempt);
                    canceller.cancelIn(50);
                }
            };

            Throwable thrown = catchThrowable(() -> provider.chat(request(), cancelWhenWaiting, canceller.cancellation));

            assertThat(thrown).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
                assertThat(e.attempts()).isEqualTo(1);
            });
            assertThat(canceller.sinceCancel()).isLessThan(Duration.ofMillis(500));
            assertThat(attempt(1).outcome()).isEqualTo(RETRYING);
            assertThat(attempt(1).backoff()).isEqualTo(Duration.ofSeconds(5));
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void alreadyCancelledSendsNothing() {
            server.enqueue(ok());
            Cancellation cancellation = new Cancellation();
            cancellation.cancel();

            ProviderException e = failure(provider(), request(), cancellation);

            assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(outcomes()).containsExactly(FAILED);
            assertThat(server.getRequestCount()).isZero();
        }
    }

    /** Cancels from another thread and remembers when, so a test can say how promptly the call ended. */
    private static final class Canceller {
        final Cancellation cancellation = new Cancellation();
        private volatile long cancelledAt;

        void cancelIn(long millis) {
            start(() -> pause(millis));
        }

        /** Cancels once the server holds the request: the exchange is surely in flight. */
        void cancelOnceReceived(MockWebServer server) {
            start(() -> {
                try {
                    server.takeRequest(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pause(50);
            });
        }

        Duration sinceCancel() {
            assertThat(cancelledAt).as("cancelled").isNotZero();
            return Duration.ofNanos(System.nanoTime() - cancelledAt);
        }

        private void start(Runnable before) {
            Thread thread = new Thread(() -> {
                before.run();
                cancelledAt = System.nanoTime();
                cancellation.cancel();
            }, "test-canceller");
            thread.setDaemon(true);
            thread.start();
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
