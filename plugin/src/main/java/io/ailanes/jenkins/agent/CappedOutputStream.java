package io.ailanes.jenkins.agent;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes written and counts the rest: a diff must be cut, not spliced. */
final class CappedOutputStream extends OutputStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private long total;

    CappedOutputStream(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        total++;
        if (kept.size() < limit) {
            kept.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] buffer, int offset, int length) {
        total += length;
        int room = limit - kept.size();
        if (room > 0) {
            kept.write(buffer, offset, Math.min(room, length));
        }
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
        return total > limit;
    }
}
