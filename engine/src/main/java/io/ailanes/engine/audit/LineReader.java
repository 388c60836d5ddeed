package io.ailanes.engine.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a file line by line as raw bytes (hashes are over bytes, not decoded text), holding one line at a time. */
final class LineReader implements Closeable {

    /** One line without its {@code \n}; {@code terminated} is false only for a last line that lacks one. */
    record RawLine(long number, byte[] bytes, boolean terminated) {}

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long number;
    private boolean eof;

    LineReader(Path path) throws IOException {
        this.in = Files.newInputStream(path);
    }

    /** The next line, or null at the end of the file. */
    RawLine next() throws IOException {
        byte[] line = null;
        int length = 0;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    if (line == null) {
                        return null;
                    }
                    return new RawLine(++number, Arrays.copyOf(line, length), false);
                }
            }
            int newline = indexOf((byte) '\n', position, limit);
            int end = newline < 0 ? limit : newline;
            int chunk = end - position;
            if (line == null && newline >= 0) {
                // The common case: the whole line is in the buffer.
                byte[] bytes = Arrays.copyOfRange(buffer, position, end);
                position = end + 1;
                return new RawLine(++number, bytes, true);
            }
            if (line == null) {
                line = new byte[Math.max(256, chunk * 2)];
            } else if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, position, line, length, chunk);
            length += chunk;
            position = end;
            if (newline >= 0) {
                position = end + 1;
                return new RawLine(++number, Arrays.copyOf(line, length), true);
            }
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
