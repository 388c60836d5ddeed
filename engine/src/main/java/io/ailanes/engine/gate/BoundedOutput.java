package io.ailanes.engine.gate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the first and the last bytes of a stream, so a command that prints gigabytes costs a bounded amount
 * of memory while the start (what ran) and the end (what failed) survive.
 */
final class BoundedOutput {

    private final int headLimit;
    private final byte[] tail;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private int tailStart;
    private int tailSize;
    private long total;

    BoundedOutput(int limit) {
        this.headLimit = limit / 4;
        this.tail = new byte[limit - headLimit];
    }

    synchronized void write(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            total++;
            if (head.size() < headLimit) {
                head.write(buffer[i]);
            } else if (tail.length > 0) {
                tail[(tailStart + tailSize) % tail.length] = buffer[i];
                if (tailSize < tail.length) {
                    tailSize++;
                } else {
                    tailStart = (tailStart + 1) % tail.length;
                }
            }
        }
    }

    synchronized long total() {
        return total;
    }

    synchronized String text() {
        String start = head.toString(StandardCharsets.UTF_8);
        byte[] end = new byte[tailSize];
        for (int i = 0; i < tailSize; i++) {
            end[i] = tail[(tailStart + i) % tail.length];
        }
        long omitted = total - head.size() - tailSize;
        String middle = omitted > 0 ? "\n[... " + omitted + " bytes omitted ...]\n" : "";
        return start + middle + new String(end, StandardCharsets.UTF_8);
    }
}
