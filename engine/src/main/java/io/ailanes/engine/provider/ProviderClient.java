package io.ailanes.engine.provider;

import io.ailanes.engine.redact.SecretRedactor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * A {@link ChatProvider} made of a wire-format adapter and an HTTP transport: sends, streams, classifies
 * failures, and retries the retryable ones with exponential backoff and jitter, honouring
 * {@code Retry-After}. Every attempt is reported to the {@link CallListener}.
 */
public final class ProviderClient implements ChatProvider {

    /** A complete JSON reply larger than this is refused rather than held in memory. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** Error bodies are read only this far: the message is at the start. */
    static final int MAX_ERROR_BYTES = 64 * 1024;

    private final ProviderConfig config;
    private final ProviderAdapter adapter;
    private final HttpTransport transport;
    private final SecretRedactor redactor;
    private final Clock clock;
    private final DoubleSupplier random;

    public ProviderClient(ProviderConfig config, ProviderAdapter adapter) {
        this(config, adapter, ProxySettings.SYSTEM);
    }

    public ProviderClient(ProviderConfig config, ProviderAdapter adapter, ProxySettings proxy) {
        this(config, adapter, proxy, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** For tests: a fixed clock (HTTP-date Retry-After) and jitter source. */
    public ProviderClient(ProviderConfig config, ProviderAdapter adapter, Clock clock, DoubleSupplier random) {
        this(config, adapter, ProxySettings.SYSTEM, clock, random);
    }

    /** For tests: a fixed clock (HTTP-date Retry-After) and jitter source, through a proxy. */
    public ProviderClient(ProviderConfig config, ProviderAdapter adapter, ProxySettings proxy, Clock clock,
            DoubleSupplier random) {
        this.config = config;
        this.adapter = adapter;
        this.transport = new HttpTransport(config.timeouts(), proxy);
        // A proxy that rejects its credentials may echo them in its error page.
        this.redactor = config.redactor().and(proxy.secretValues());
        this.clock = clock;
        this.random = random;
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public ProviderKind kind() {
        return config.kind();
    }

    public ProviderConfig config() {
        return config;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallListener listener, Cancellation cancellation) {
        RetryPolicy policy = config.retry();
        WireRequest wire = adapter.toWire(request);
        long callStart = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            long attemptStart = System.nanoTime();
            AttemptFailure failure;
            try {
                if (cancellation.isCancelled()) {
                    throw new WireException(ErrorKind.CANCELLED, "the call was cancelled");
                }
                Reply reply = send(request, wire, listener, cancellation);
                Duration latency = Duration.ofNanos(System.nanoTime() - attemptStart);
                listener.onAttempt(new Attempt(
                        attempt, Attempt.Outcome.SUCCEEDED, 200, null, reply.usage(), latency, Duration.ZERO));
                return new ChatResponse(
                        config.id(),
                        reply.model() == null ? request.model() : reply.model(),
                        reply.responseId(),
                        reply.text(),
                        reply.finishReason(),
                        reply.rawFinishReason(),
                        reply.usage(),
                        Duration.ofNanos(System.nanoTime() - callStart),
                        attempt);
            } catch (AttemptFailure e) {
                failure = e;
            } catch (WireException e) {
                failure = new AttemptFailure(null, e.kind(), e.kind().retryable(), e.getMessage(), null, e.billed());
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - attemptStart);
            Optional<Duration> wait = nextWait(policy, attempt, failure);
            String message = redactor.redact(failure.message);
            if (wait.isEmpty() && refusedWait(policy, attempt, failure)) {
                message = message + "; the provider asked to retry after " + seconds(failure.retryAfter)
                        + ", longer than the " + seconds(policy.maxRetryAfter()) + " this provider is set to wait";
            }
            // One exception for the listener and the caller, so the audit line says what the caller was told.
            ProviderException error = new ProviderException(
                    config.id(), request.model(), failure.kind, failure.retryable, failure.status,
                    message, failure.retryAfter, attempt, null);
            if (wait.isEmpty() || cancellation.isCancelled()) {
                listener.onAttempt(new Attempt(
                        attempt, Attempt.Outcome.FAILED, failure.status, error, failure.billed, latency, Duration.ZERO));
                // A cancelled call reports the cancellation, not the failure that happened to end its last attempt.
                throw cancellation.isCancelled() ? cancelled(request, attempt) : error;
            }
            listener.onAttempt(new Attempt(
                    attempt, Attempt.Outcome.RETRYING, failure.status, error, failure.billed, latency, wait.get()));
            try {
                if (!cancellation.sleep(wait.get())) {
                    throw cancelled(request, attempt);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled(request, attempt);
            }
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    private ProviderException cancelled(ChatRequest request, int attempts) {
        return new ProviderException(config.id(), request.model(), ErrorKind.CANCELLED, false, null,
                "the call was cancelled", null, attempts, null);
    }

    /** The wait before the next attempt, or empty when the failure is final or attempts are used up. */
    private Optional<Duration> nextWait(RetryPolicy policy, int attempt, AttemptFailure failure) {
        if (!failure.retryable || attempt >= policy.maxAttempts()) {
            return Optional.empty();
        }
        if (failure.retryAfter != null) {
            return failure.retryAfter.compareTo(policy.maxRetryAfter()) > 0
                    ? Optional.empty()
                    : Optional.of(failure.retryAfter);
        }
        return Optional.of(policy.backoff(attempt + 1, random.getAsDouble()));
    }

    /** Whether the call ends only because the provider asked for a longer wait than we honour. */
    private static boolean refusedWait(RetryPolicy policy, int attempt, AttemptFailure failure) {
        return failure.retryable && attempt < policy.maxAttempts() && failure.retryAfter != null
                && failure.retryAfter.compareTo(policy.maxRetryAfter()) > 0;
    }

    /** "2 s", "0.25 s": exact, as a person reads it. */
    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private Reply send(ChatRequest request, WireRequest wire, CallListener listener, Cancellation cancellation) {
        try (HttpTransport.Exchange exchange = transport.open(wire, cancellation)) {
            int status = exchange.status();
            if (status < 200 || status > 299) {
                throw errorResponse(exchange, status);
            }
            try {
                return wire.stream() ? readStream(request, exchange, listener) : readBody(exchange);
            } catch (IOException e) {
                throw exchange.classify(e);
            } catch (WireException e) {
                // A timeout or cancellation that broke a read takes precedence over what the decoder saw.
                WireException classified = exchange.classify(e);
                throw classified == e ? e : new WireException(classified.kind(), classified.getMessage(), e.billed());
            } catch (RuntimeException e) {
                // An adapter that tripped over a body it did not expect: the body is the problem, and the call
                // must still end in a ProviderException.
                WireException classified = exchange.classify(e);
                throw classified.kind() == ErrorKind.OTHER
                        ? WireException.malformed("could not read the response: " + classified.getMessage())
                        : classified;
            }
        }
    }

    private AttemptFailure errorResponse(HttpTransport.Exchange exchange, int status) {
        String body;
        try {
            // Redacted before parsing: some proxies echo the Authorization header, and an adapter that
            // shortens the body could cut the key where the redactor no longer recognises it.
            body = redactor.redact(new String(exchange.readBody(MAX_ERROR_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            body = "";
        }
        WireError error = parseError(status, exchange.headers(), body);
        boolean retryable = error.kind().retryable();
        // Stainless-generated SDKs (OpenAI, Anthropic) obey this header over the status; so do we.
        String shouldRetry = exchange.headers().get("x-should-retry");
        if ("true".equalsIgnoreCase(shouldRetry)) {
            retryable = true;
        } else if ("false".equalsIgnoreCase(shouldRetry)) {
            retryable = false;
        }
        // The header is the HTTP standard; some providers (Gemini) name the wait only in the body.
        Duration retryAfter = RetryAfter.from(exchange.headers(), clock).orElse(error.retryAfter());
        return new AttemptFailure(status, error.kind(), retryable, error.message(), retryAfter, Usage.ZERO);
    }

    private WireError parseError(int status, Map<String, String> headers, String body) {
        try {
            return adapter.parseError(status, headers, body);
        } catch (RuntimeException e) {
            return new WireError(ErrorKind.ofStatus(status), ErrorBodies.summarize(body));
        }
    }

    private Reply readBody(HttpTransport.Exchange exchange) throws IOException {
        byte[] body = exchange.readBody(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw WireException.malformed("response body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        if (looksLikeHtml(body)) {
            throw WireException.malformed("expected JSON but got an HTML page: " + ErrorBodies.summarize(
                    redactor.redact(new String(body, StandardCharsets.UTF_8))));
        }
        return adapter.parseReply(body);
    }

    private Reply readStream(ChatRequest request, HttpTransport.Exchange exchange, CallListener listener)
            throws IOException {
        InputStream in = new BufferedInputStream(exchange.body(), 8192);
        int first = firstNonBlank(in);
        if (first == '{' || first == '<') {
            // Not an event stream: an error object (or an HTML page) sent with a 2xx status.
            String body = redactor.redact(new String(in.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8));
            WireError error = parseError(exchange.status(), exchange.headers(), body);
            ErrorKind kind = error.kind() == ErrorKind.OTHER ? ErrorKind.MALFORMED_RESPONSE : error.kind();
            throw new WireException(kind, "expected an event stream but got: " + error.message());
        }
        StreamDecoder decoder = adapter.streamDecoder(request);
        try (SseReader reader = new SseReader(in)) {
            SseBytes event;
            while (!decoder.complete() && (event = reader.nextBytes()) != null) {
                decoder.accept(event, listener);
            }
            strayError(exchange, reader.stray(), decoder);
        } catch (IOException e) {
            WireException classified = exchange.classify(e);
            throw new WireException(classified.kind(), "stream broke off: " + classified.getMessage(),
                    decoder.usageSoFar());
        }
        return decoder.finish();
    }

    /**
     * An error object the server wrote into the stream outside any event (Gemini does so when a stream fails after it
     * began), classified by its own status and message, as an error response would be.
     */
    private void strayError(HttpTransport.Exchange exchange, String stray, StreamDecoder decoder) {
        String text = stray.strip();
        if (text.isEmpty() || !text.startsWith("{") && !text.startsWith("[")) {
            return;
        }
        String body = redactor.redact(text);
        boolean errorObject = io.ailanes.engine.json.Json.tryParse(body)
                .map(root -> root.isArray() && root.size() > 0 ? root.get(0) : root)
                .map(root -> root.has("error"))
                .orElse(false);
        if (!errorObject) {
            return;
        }
        WireError error = parseError(exchange.status(), exchange.headers(), body);
        ErrorKind kind = error.kind() == ErrorKind.OTHER ? ErrorKind.SERVER_ERROR : error.kind();
        throw new WireException(kind, "error in stream: " + error.message(), decoder.usageSoFar());
    }

    private static int firstNonBlank(InputStream in) throws IOException {
        while (true) {
            in.mark(1);
            int b = in.read();
            if (b < 0 || !Character.isWhitespace(b)) {
                in.reset();
                return b;
            }
        }
    }

    private static boolean looksLikeHtml(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '<';
            }
        }
        return false;
    }

    /** A failed attempt, before it becomes a {@link ProviderException}. */
    private static final class AttemptFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Integer status;
        final ErrorKind kind;
        final boolean retryable;
        final String message;
        final transient Duration retryAfter;
        final transient Usage billed;

        AttemptFailure(Integer status, ErrorKind kind, boolean retryable, String message, Duration retryAfter,
                Usage billed) {
            super(message, null, false, false);
            this.status = status;
            this.kind = kind;
            this.retryable = retryable;
            this.message = message;
            this.retryAfter = retryAfter;
            this.billed = billed;
        }
    }
}
