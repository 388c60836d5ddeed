package io.ailanes.engine.audit;

import io.ailanes.engine.redact.Redactor;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The append-only, hash-chained audit file: one JSON object per line (UTF-8, {@code \n}), see
 * {@link AuditCodec} for the format. Thread-safe; lines are written in seq order and handed to the operating
 * system as each is appended (no buffering in the JVM). Not synced to disk per line: that would cost a disk
 * flush per attempt, and a crash mid-write leaves a torn last line, which {@link #open} detects.
 *
 * <p>Opening an existing file continues its chain from its last line. The file is locked while open, so a
 * second writer (in this or another process) is refused rather than interleaving lines.
 *
 * <p>Every text field passes through the {@link Redactor} before it is written; the prompt and response
 * hashes are taken by the caller over the exact text (see {@link AuditEntry}).
 */
public final class AuditLog implements Closeable {

    private static final byte NEWLINE = '\n';
    private static final int TAIL_CHUNK = 1 << 16;

    private final Path path;
    private final AuditMode mode;
    private final Redactor redactor;
    private final Clock clock;
    private final FileChannel channel;
    private final FileLock lock;

    private long lastSeq;
    private String head;

    private AuditLog(Path path, AuditMode mode, Redactor redactor, Clock clock, FileChannel channel, FileLock lock,
            long lastSeq, String head) {
        this.path = path;
        this.mode = mode;
        this.redactor = redactor;
        this.clock = clock;
        this.channel = channel;
        this.lock = lock;
        this.lastSeq = lastSeq;
        this.head = head;
    }

    public static AuditLog open(Path path, AuditMode mode, Redactor redactor) throws IOException {
        return open(path, mode, redactor, Clock.systemUTC());
    }

    /**
     * Opens (or creates) the log at {@code path}.
     *
     * @throws AuditFormatException if the file ends with a torn line (a writer stopped mid-line) or its last
     *     line is not a valid audit line: extending it would chain onto damage and hide it
     * @throws IOException if the file cannot be opened, or another writer holds it
     */
    public static AuditLog open(Path path, AuditMode mode, Redactor redactor, Clock clock) throws IOException {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(redactor, "redactor");
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException(path + " is already open for writing by another audit log");
            }
            long size = channel.size();
            long lastSeq = 0;
            String head = Sha256.ZERO;
            if (size > 0) {
                byte[] last = lastLine(channel, path);
                String stored = AuditCodec.storedHash(last);
                if (stored == null || !stored.equals(AuditCodec.contentHash(last))) {
                    throw new AuditFormatException(path.toString(), countLines(channel),
                            "the last line is not an intact audit line; run `ai-lanes audit verify` before appending");
                }
                try {
                    lastSeq = AuditCodec.seq(AuditCodec.parse(last));
                } catch (IllegalArgumentException e) {
                    throw new AuditFormatException(path.toString(), countLines(channel), e.getMessage());
                }
                head = Sha256.hex(last);
            }
            channel.position(size);
            return new AuditLog(path, mode, redactor, clock, channel, lock, lastSeq, head);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Appends one line and returns the entry as written: seq assigned, timestamp filled in if it was null,
     * text redacted, and the prompt and response text dropped unless the mode is FULL.
     *
     * @throws UncheckedIOException if the line cannot be written (callers are listeners that cannot throw)
     */
    public AuditEntry append(AuditEntry entry) {
        // Redaction is the expensive part and needs no lock.
        AuditEntry.Builder b = entry.toBuilder()
                .runId(redactor.redact(entry.runId()))
                .callId(redactor.redact(entry.callId()))
                .step(redactor.redact(entry.step()))
                .lane(redactor.redact(entry.lane()))
                .provider(redactor.redact(entry.provider()))
                .model(redactor.redact(entry.model()))
                .routingReason(redactor.redact(entry.routingReason()))
                .error(redactor.redact(entry.errorKind()), entry.httpStatus(), redactor.redact(entry.errorMessage()))
                .promptText(mode == AuditMode.FULL ? redactor.redact(entry.promptText()) : null)
                .responseText(mode == AuditMode.FULL ? redactor.redact(entry.responseText()) : null)
                .attributes(redactAll(entry.attributes()));
        synchronized (this) {
            if (!channel.isOpen()) {
                throw new IllegalStateException(path + " is closed");
            }
            AuditEntry written = b.seq(lastSeq + 1)
                    .timestamp(entry.timestamp() != null
                            ? entry.timestamp()
                            : clock.instant().truncatedTo(ChronoUnit.MILLIS))
                    .build();
            byte[] line = AuditCodec.encode(written, mode, head);
            ByteBuffer out = ByteBuffer.allocate(line.length + 1).put(line).put(NEWLINE).flip();
            try {
                while (out.hasRemaining()) {
                    channel.write(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + path, e);
            }
            lastSeq = written.seq();
            head = Sha256.hex(line);
            return written;
        }
    }

    /** SHA-256 of the last line's bytes (64 zeros while empty): store it apart from the file to detect truncation. */
    public synchronized String head() {
        return head;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    public Path path() {
        return path;
    }

    public AuditMode mode() {
        return mode;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private Map<String, String> redactAll(Map<String, String> attributes) {
        Map<String, String> out = new TreeMap<>();
        attributes.forEach((k, v) -> out.put(k, redactor.redact(v)));
        return out;
    }

    /** The last line's bytes, read backwards from the end; a file not ending in a newline is torn. */
    private static byte[] lastLine(FileChannel channel, Path path) throws IOException {
        long size = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        if (one.get(0) != NEWLINE) {
            throw new AuditFormatException(path.toString(), countLines(channel),
                    "the file ends with an incomplete line (a writer stopped mid-line); "
                            + "remove or repair it, then run `ai-lanes audit verify`, before appending");
        }
        long end = size - 1; // exclusive end of the last line
        long start = end;
        while (start > 0) {
            int length = (int) Math.min(TAIL_CHUNK, start);
            ByteBuffer chunk = ByteBuffer.allocate(length);
            readFully(channel, chunk, start - length);
            byte[] bytes = chunk.array();
            int newline = -1;
            for (int i = length - 1; i >= 0; i--) {
                if (bytes[i] == NEWLINE) {
                    newline = i;
                    break;
                }
            }
            start = newline < 0 ? start - length : start - length + newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        ByteBuffer line = ByteBuffer.allocate((int) (end - start));
        readFully(channel, line, start);
        return line.array();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** For error messages only: the number of the last line. */
    private static long countLines(FileChannel channel) throws IOException {
        long lines = 0;
        long size = channel.size();
        ByteBuffer chunk = ByteBuffer.allocate(TAIL_CHUNK);
        long position = 0;
        boolean endsWithNewline = false;
        while (position < size) {
            chunk.clear();
            int read = channel.read(chunk, position);
            if (read <= 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                if (chunk.get(i) == NEWLINE) {
                    lines++;
                }
            }
            endsWithNewline = chunk.get(read - 1) == NEWLINE;
            position += read;
        }
        return endsWithNewline ? lines : lines + 1;
    }
}
