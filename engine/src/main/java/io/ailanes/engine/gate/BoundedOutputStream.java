package io.ailanes.engine.gate;

import java.io.OutputStream;

/**
 * An output stream that keeps only the first and the last bytes written (see {@link LocalCommandRunner}), for
 * hosts that pump a command's output into a stream of their choosing (the Jenkins launcher).
 */
public final class BoundedOutputStream extends OutputStream {

    private final BoundedOutput output;

    /** @param limit bytes kept in all: a quarter from the start, the rest from the end */
    public BoundedOutputStream(int limit) {
        this.output = new BoundedOutput(limit);
    }

    /** The output kept per command by the engine's own runner. */
    public static BoundedOutputStream standard() {
        return new BoundedOutputStream(LocalCommandRunner.OUTPUT_LIMIT);
    }

    @Override
    public void write(int b) {
        output.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        output.write(buffer, offset, length);
    }

    /** The start and the end of what was written, with a note of how much was left out between them. */
    public String text() {
        return output.text();
    }

    /** How many bytes were written in all. */
    public long total() {
        return output.total();
    }
}
