package io.ailanes.engine.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A chunked response body written step by step, each piece flushed at once: for streams that pause,
 * trickle, stall or end early. MockWebServer's own throttling and socket effects do not flush before they
 * act, so a client would never see the bytes "before" the fault; this body controls exactly what reaches
 * the wire and when.
 */
public final class ScriptedBody implements MockResponseBody {

    /** How long a stall lasts at most, so a test that forgets to {@link #release()} still ends. */
    private static final long MAX_STALL_SECONDS = 10;

    private final List<Step> steps = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private sealed interface Step permits Write, Pause, Stall, End {}

    private record Write(String text) implements Step {}

    private record Pause(long millis) implements Step {}

    private record Stall() implements Step {}

    private record End() implements Step {}

    /** Sends {@code text} as one chunk and flushes it. */
    public ScriptedBody write(String text) {
        steps.add(new Write(text));
        return this;
    }

    /** Sends each piece, pausing {@code millis} before each one. */
    public ScriptedBody trickle(List<String> pieces, long millis) {
        for (String piece : pieces) {
            steps.add(new Pause(millis));
            steps.add(new Write(piece));
        }
        return this;
    }

    public ScriptedBody pause(long millis) {
        steps.add(new Pause(millis));
        return this;
    }

    /** Stops sending, connection open, until {@link #release()} (or a safety limit). */
    public ScriptedBody stall() {
        steps.add(new Stall());
        return this;
    }

    /** Ends the chunked body properly (the last chunk). Without it the body simply stops after the last step. */
    public ScriptedBody end() {
        steps.add(new End());
        return this;
    }

    /** Lets a stalled body go on (call it in teardown so server threads finish). */
    public void release() {
        released.countDown();
    }

    public MockResponse response(int status, String contentType) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", contentType)
                .body(this)
                .removeHeader("Content-Length")
                .setHeader("Transfer-Encoding", "chunked")
                .build();
    }

    public MockResponse sse() {
        return response(200, "text/event-stream");
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        try {
            for (Step step : steps) {
                if (step instanceof Write write) {
                    byte[] bytes = write.text().getBytes(StandardCharsets.UTF_8);
                    sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n")
                            .write(bytes).writeUtf8("\r\n");
                    sink.flush();
                } else if (step instanceof Pause pause) {
                    Thread.sleep(pause.millis());
                } else if (step instanceof Stall) {
                    released.await(MAX_STALL_SECONDS, TimeUnit.SECONDS);
                } else {
                    sink.writeUtf8("0\r\n\r\n");
                    sink.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
