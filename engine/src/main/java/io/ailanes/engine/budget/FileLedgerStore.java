package io.ailanes.engine.budget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only JSON-lines journal: the CLI's ledger, which carries the job-month and global-day spend
 * from one run to the next.
 *
 * <p>Every event is written with one {@code write} to the OS before {@link #append} returns, so a crash of
 * the process loses nothing already appended. A crash in the middle of a write can leave a torn last line:
 * {@link #load()} ignores it with a warning and cuts it off so the next event starts on a fresh line. (The
 * lost event is at worst a settle or release, which leaves its reservation open, and open reservations are
 * counted as spent: the loss errs towards spending less.) A damaged line anywhere else is not a crash
 * artefact, so loading fails rather than guess at the spend. With {@code forceToDisk} every append is also
 * forced to the device, which survives power loss at the price of a sync per event.
 *
 * <p>One process owns the file at a time (an OS file lock, released by {@link #close()}): two runs
 * appending to one journal would each believe the other's open reservations were left by a crash.
 */
public final class FileLedgerStore implements LedgerStore, AutoCloseable {

    private final Path file;
    private final boolean forceToDisk;
    private final FileChannel channel;
    private final FileLock lock;
    private final LedgerEventCodec codec = new LedgerEventCodec();
    private long position;
    private boolean loaded;

    private FileLedgerStore(Path file, boolean forceToDisk) throws IOException {
        this.file = file;
        this.forceToDisk = forceToDisk;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            channel.close();
            throw new IllegalStateException("budget ledger " + file + " is in use by another run");
        }
        this.lock = acquired;
        this.position = channel.size();
    }

    /** Opens (creating if needed) and locks the journal; events reach the OS on every append. */
    public static FileLedgerStore open(Path file) {
        return open(file, false);
    }

    public static FileLedgerStore open(Path file, boolean forceToDisk) {
        try {
            return new FileLedgerStore(file, forceToDisk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open budget ledger " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Loaded load() {
        if (loaded) {
            throw new IllegalStateException("budget ledger " + file + " was already loaded");
        }
        loaded = true;
        try {
            return readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read budget ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private Loaded readAll() throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read until full
        }
        byte[] bytes = buffer.array();
        List<LedgerEvent> events = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        long goodEnd = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            boolean last = end < 0 || end == bytes.length - 1;
            int stop = end < 0 ? bytes.length : end;
            lineNumber++;
            String line = new String(bytes, start, stop - start, StandardCharsets.UTF_8).strip();
            LedgerEvent event = line.isEmpty() ? null : codec.decode(line);
            if (event != null && end >= 0) {
                events.add(event);
                goodEnd = end + 1L;
            } else if (line.isEmpty() && end >= 0) {
                goodEnd = end + 1L;
            } else if (last) {
                warnings.add("budget ledger " + file + ": ignored a torn last line " + lineNumber
                        + " (a crash while writing); the event it held is treated conservatively");
            } else {
                throw new IllegalStateException("budget ledger " + file + " is damaged at line " + lineNumber
                        + "; refusing to guess the spend (restore or remove the file)");
            }
            start = end < 0 ? bytes.length : end + 1;
        }
        if (goodEnd < size) {
            channel.truncate(goodEnd);
        }
        position = goodEnd;
        return new Loaded(events, warnings);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public synchronized void append(LedgerEvent event) {
        ByteBuffer line = ByteBuffer.wrap((codec.encode(event) + "\n").getBytes(StandardCharsets.UTF_8));
        long start = position;
        try {
            long at = start;
            while (line.hasRemaining()) {
                at += channel.write(line, at);
            }
            if (forceToDisk) {
                channel.force(false);
            }
            position = at;
        } catch (IOException e) {
            cutBackTo(start);
            throw new UncheckedIOException("cannot write budget ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /** The ledger treats a failed append as not happened, so a partial line must not stay behind. */
    private void cutBackTo(long start) {
        try {
            channel.truncate(start);
        } catch (IOException ignored) {
            // The next load reports the partial line as torn (if last) or refuses to guess (if not).
        }
    }

    @Override
    public synchronized void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close budget ledger " + file + ": " + e.getMessage(), e);
        }
    }
}
