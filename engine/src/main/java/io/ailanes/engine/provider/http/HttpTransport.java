package io.ailanes.engine.provider.http;

import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.Timeouts;
import io.ailanes.engine.provider.proxy.ProxySettings;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends {@link WireRequest}s over a pooled Apache HttpClient 5 and enforces the four {@link Timeouts}.
 * Connect is HttpClient's; first byte, idle and total are watched by a shared sweeper thread that aborts
 * the exchange, so the caller learns which one fired instead of a bare "Read timed out".
 */
public final class HttpTransport implements AutoCloseable {

    /**
     * Exchanges being watched. One thread sweeps them every {@link #SWEEP_MILLIS} ms: registering a call is
     * a set insertion, where scheduling a task per call woke the scheduler thread twice per call (a
     * measurable share of a loopback call). Timeouts fire at most one sweep late.
     */
    private static final Set<Watchdog> ACTIVE = ConcurrentHashMap.newKeySet();
    static final long SWEEP_MILLIS = 10;

    static {
        Thread sweeper = new Thread(HttpTransport::sweep, "ai-lanes-http-watchdog-sweeper");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    private static void sweep() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ACTIVE.isEmpty() ? 5 * SWEEP_MILLIS : SWEEP_MILLIS));
            long now = System.nanoTime();
            for (Watchdog watchdog : ACTIVE) {
                try {
                    watchdog.check(now);
                } catch (RuntimeException e) {
                    ACTIVE.remove(watchdog); // an abort that fails must not stop the sweeper
                }
            }
        }
    }

    /** How long closing waits for the unread rest of a body before dropping the connection instead. */
    static final long DRAIN_GRACE_MILLIS = 200;

    private final Timeouts timeouts;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;

    public HttpTransport(Timeouts timeouts) {
        this(timeouts, ProxySettings.SYSTEM);
    }

    public HttpTransport(Timeouts timeouts, ProxySettings proxy) {
        this.timeouts = timeouts;
        // The socket timeout is only a backstop behind the watchdog, which fires first and says why.
        Timeout backstop = Timeout.ofMilliseconds(
                Math.max(timeouts.firstByte().toMillis(), timeouts.idle().toMillis()) + 5_000);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(timeouts.connect().toMillis()))
                        .setSocketTimeout(backstop)
                        .build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(32)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(backstop)
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(timeouts.connect().toMillis()))
                        .build())
                // Retries are the engine's (classified, budgeted, audited); redirects could carry the key
                // to another host; compression would delay stream chunks.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .useSystemProperties()
                .setUserAgent("ai-lanes")
                .setRoutePlanner(proxy.routePlanner())
                .setDefaultCredentialsProvider(proxy.credentialsProvider())
                .build();
    }

    /**
     * Sends the request and returns once the response headers have arrived.
     *
     * @throws WireException classified: connect/first-byte/total timeout, connection failure, cancellation
     */
    public Exchange open(WireRequest request, Cancellation cancellation) {
        HttpPost post = new HttpPost(request.url());
        request.headers().forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
        Watchdog watchdog = new Watchdog(post::cancel);
        AutoCloseable unregister = cancellation.onCancel(watchdog::cancel);
        watchdog.start();
        try {
            ClassicHttpResponse response = client.executeOpen(null, post, null);
            watchdog.firstByte();
            return new Exchange(response, watchdog, unregister);
        } catch (IOException | RuntimeException e) {
            watchdog.stop();
            closeQuietly(unregister);
            throw watchdog.classify(e);
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        connections.close(CloseMode.GRACEFUL);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Nothing to release.
        }
    }

    /** An open response: status, headers and a body stream that feeds the idle watchdog. */
    public static final class Exchange implements AutoCloseable {
        private final ClassicHttpResponse response;
        private final Watchdog watchdog;
        private final AutoCloseable unregister;
        private final InputStream body;
        /** The announced body length, or -1 when unknown (chunked, no entity). */
        private final long length;
        /** Built when first asked for: only error handling reads headers. */
        private Map<String, String> headers;

        private Exchange(ClassicHttpResponse response, Watchdog watchdog, AutoCloseable unregister) throws IOException {
            this.response = response;
            this.watchdog = watchdog;
            this.unregister = unregister;
            HttpEntity entity = response.getEntity();
            InputStream raw = entity == null ? InputStream.nullInputStream() : entity.getContent();
            this.body = new ActivityInputStream(raw == null ? InputStream.nullInputStream() : raw, watchdog);
            this.length = entity == null || raw == null ? -1 : entity.getContentLength();
        }

        public int status() {
            return response.getCode();
        }

        /** Response headers, names in lower case (first value of each). */
        public Map<String, String> headers() {
            if (headers == null) {
                Map<String, String> map = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    map.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
                }
                headers = map;
            }
            return headers;
        }

        public InputStream body() {
            return body;
        }

        /** Reads at most {@code limit} bytes of the body. */
        public byte[] readBody(int limit) throws IOException {
            if (length < 0 || length >= limit) {
                return body.readNBytes(limit);
            }
            // The announced length sizes the array: no 8 KB buffers, no copy into a right-sized one.
            byte[] bytes = new byte[(int) length];
            int read = body.readNBytes(bytes, 0, bytes.length);
            // HttpClient ends the body at its Content-Length; reading that end spares closing a drain.
            body.read();
            return read == bytes.length ? bytes : Arrays.copyOf(bytes, read);
        }

        /** Classifies a failure while reading the body (a timeout the watchdog fired, cancellation, reset...). */
        public WireException classify(Exception e) {
            return watchdog.classify(e);
        }

        @Override
        public void close() {
            watchdog.stop();
            closeQuietly(unregister);
            try {
                // Closing the body first bounds the drain of an unread rest (see ActivityInputStream#close).
                body.close();
                response.close();
            } catch (IOException ignored) {
                // The connection is discarded either way.
            }
        }
    }

    private static final class ActivityInputStream extends FilterInputStream {
        private final Watchdog watchdog;
        private boolean ended;
        private boolean closed;

        ActivityInputStream(InputStream in, Watchdog watchdog) {
            super(in);
            this.watchdog = watchdog;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            watchdog.activity();
            ended |= value < 0;
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            watchdog.activity();
            ended |= count < 0;
            return count;
        }

        /**
         * HttpClient closes a body by reading it to its end so the connection can be reused. A reader that
         * stopped early (a stream's end marker seen, an error body read in part) would then hang on a server
         * that keeps the body open, and a failure there would spoil a complete reply. So the rest gets a short
         * grace to arrive, then the connection is dropped; either way closing does not fail.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            // The sweeper drops the connection if the rest is late: no task scheduled (and no thread woken)
            // for the usual rest, a stream's final empty chunk that is already on its way.
            if (!ended) {
                watchdog.drainFor(DRAIN_GRACE_MILLIS);
            }
            try {
                super.close();
            } catch (IOException ignored) {
                // Aborted or broken: the connection is discarded, and the caller already has what it read.
            } finally {
                if (!ended) {
                    watchdog.drained();
                }
            }
        }
    }

    /** Watches one exchange and aborts it when a timeout passes or the call is cancelled. */
    private final class Watchdog {
        private final Runnable abort;
        private final long startNanos = System.nanoTime();
        private volatile long lastActivityNanos = startNanos;
        private volatile boolean headersReceived;
        private volatile boolean stopped;
        private volatile ErrorKind fired;
        /** While a closing body drains: when to give up on it (0: not draining). */
        private volatile long drainDeadline;

        Watchdog(Runnable abort) {
            this.abort = abort;
        }

        void start() {
            ACTIVE.add(this);
        }

        void firstByte() {
            lastActivityNanos = System.nanoTime();
            headersReceived = true;
        }

        void activity() {
            lastActivityNanos = System.nanoTime();
        }

        void cancel() {
            fire(ErrorKind.CANCELLED);
        }

        void stop() {
            stopped = true;
            ACTIVE.remove(this);
        }

        void drainFor(long millis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            drainDeadline = deadline == 0 ? 1 : deadline;
            ACTIVE.add(this);
        }

        void drained() {
            drainDeadline = 0;
            if (stopped) {
                ACTIVE.remove(this);
            }
        }

        private void check(long now) {
            long drain = drainDeadline;
            if (drain != 0) {
                // Draining is past every timeout: the reply is complete, only the connection is at stake.
                if (now - drain >= 0) {
                    drainDeadline = 0;
                    abort();
                }
            } else if (stopped) {
                ACTIVE.remove(this);
            } else if (now - startNanos >= timeouts.total().toNanos()) {
                fire(ErrorKind.TIMEOUT_TOTAL);
            } else if (!headersReceived && now - startNanos >= timeouts.firstByte().toNanos()) {
                fire(ErrorKind.TIMEOUT_FIRST_BYTE);
            } else if (headersReceived && now - lastActivityNanos >= timeouts.idle().toNanos()) {
                fire(ErrorKind.TIMEOUT_IDLE);
            }
        }

        /** Drops the connection without classifying anything (the exchange is over). */
        void abort() {
            abort.run();
        }

        private void fire(ErrorKind kind) {
            synchronized (this) {
                if (stopped || fired != null) {
                    return;
                }
                fired = kind;
            }
            ACTIVE.remove(this);
            abort.run();
        }

        WireException classify(Exception e) {
            ErrorKind kind = fired;
            if (kind != null) {
                return new WireException(kind, switch (kind) {
                    case CANCELLED -> "the call was cancelled";
                    case TIMEOUT_TOTAL -> "no complete response within " + timeouts.total().toMillis() + " ms";
                    case TIMEOUT_FIRST_BYTE -> "no response within " + timeouts.firstByte().toMillis() + " ms";
                    case TIMEOUT_IDLE -> "no data for " + timeouts.idle().toMillis() + " ms";
                    default -> kind.description();
                });
            }
            if (e instanceof WireException wire) {
                return wire;
            }
            if (e instanceof ConnectTimeoutException) {
                return new WireException(ErrorKind.TIMEOUT_CONNECT,
                        "could not connect within " + timeouts.connect().toMillis() + " ms");
            }
            if (e instanceof SocketTimeoutException) {
                return new WireException(headersReceived ? ErrorKind.TIMEOUT_IDLE : ErrorKind.TIMEOUT_FIRST_BYTE,
                        "socket timed out: " + e.getMessage());
            }
            if (e instanceof InterruptedIOException) {
                return new WireException(ErrorKind.CANCELLED, "interrupted");
            }
            String detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if (e instanceof IOException) {
                return new WireException(ErrorKind.CONNECTION, detail);
            }
            return new WireException(ErrorKind.OTHER, detail);
        }
    }
}
