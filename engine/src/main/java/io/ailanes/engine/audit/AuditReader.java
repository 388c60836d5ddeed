package io.ailanes.engine.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the entries of an audit file, one line in memory at a time. Fields it does not know are ignored,
 * so files written by newer versions stay readable. It does not check the hash chain: that is
 * {@link AuditVerifier}'s job. A line that is not a valid entry stops the iteration with an
 * {@link AuditFormatException} naming the file and line.
 *
 * <p>Iterate once; close it (or the stream) when done.
 */
public final class AuditReader implements Closeable, Iterable<AuditEntry> {

    private final Path path;
    private final LineReader lines;
    private boolean iterated;

    private AuditReader(Path path, LineReader lines) {
        this.path = path;
        this.lines = lines;
    }

    public static AuditReader open(Path path) throws IOException {
        return new AuditReader(path, new LineReader(path));
    }

    /**
     * @throws AuditFormatException from {@code hasNext}/{@code next} on a malformed or torn line
     * @throws UncheckedIOException if the file cannot be read
     */
    @Override
    public synchronized Iterator<AuditEntry> iterator() {
        if (iterated) {
            throw new IllegalStateException("an AuditReader can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private AuditEntry next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public AuditEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                AuditEntry entry = next;
                next = null;
                return entry;
            }
        };
    }

    /** The entries as a sequential stream; closing the stream closes the file. */
    public Stream<AuditEntry> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                        false)
                .onClose(() -> {
                    try {
                        close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private AuditEntry read() {
        LineReader.RawLine line;
        try {
            line = lines.next();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        if (line == null) {
            return null;
        }
        if (!line.terminated()) {
            throw new AuditFormatException(path.toString(), line.number(),
                    "incomplete line (no newline at its end: the writer stopped mid-line)");
        }
        try {
            return AuditCodec.decode(AuditCodec.parse(line.bytes()));
        } catch (IllegalArgumentException e) {
            throw new AuditFormatException(path.toString(), line.number(), e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
