package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every attempt of the run, in bounded memory. Up to {@link #IN_MEMORY} rows stay in memory as they are; past
 * that, every row goes to a temporary file as it is added (a compact binary form, read back once when cost.json
 * is written), and memory keeps only the first {@link #KEEP_FIRST} and the last {@link #KEEP_LAST} rows, which
 * is what report.html shows. So the heap a report holds does not grow with the number of attempts; the disk
 * does (about 150 bytes an attempt, deleted by {@link #close} or, failing that, when the table is collected).
 */
public final class CallTable implements Iterable<ReportCall>, AutoCloseable {

    /** Rows kept in memory before the table spills to a temporary file. */
    public static final int IN_MEMORY = 4_096;
    /** The first rows always kept in memory once spilled (report.html's calls table). */
    public static final int KEEP_FIRST = 250;
    /** The last rows always kept in memory (report.html's calls table). */
    public static final int KEEP_LAST = 250;

    private static final Cleaner CLEANER = Cleaner.create();

    private final ArrayList<ReportCall> memory = new ArrayList<>();
    private final ArrayDeque<ReportCall> last = new ArrayDeque<>();
    private long size;
    private Spill spill;
    private Cleaner.Cleanable cleanable;
    private boolean sealed;

    CallTable() {}

    void add(ReportCall c) {
        if (sealed) {
            throw new IllegalStateException("the table is sealed");
        }
        size++;
        if (spill == null && memory.size() < IN_MEMORY) {
            memory.add(c);
            return;
        }
        try {
            if (spill == null) {
                spill = new Spill(Files.createTempFile("ai-lanes-calls-", ".bin"));
                cleanable = CLEANER.register(this, spill);
                for (ReportCall row : memory) {
                    spill.write(row);
                }
                for (int i = memory.size() - KEEP_LAST; i < memory.size(); i++) {
                    last.add(memory.get(i));
                }
                memory.subList(KEEP_FIRST, memory.size()).clear();
                memory.trimToSize();
            }
            spill.write(c);
            last.add(c);
            if (last.size() > KEEP_LAST) {
                last.removeFirst();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the report's calls to a temporary file: " + e.getMessage(), e);
        }
    }

    /** No more rows: the spill file is complete and may be read. */
    void seal() {
        if (sealed) {
            return;
        }
        sealed = true;
        if (spill != null) {
            try {
                spill.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every attempt added. */
    public long size() {
        return size;
    }

    /** Whether every row is in memory ({@link #first()} then {@link #last()} is the whole table). */
    public boolean inMemory() {
        return spill == null;
    }

    /** The first rows: all of them while in memory, else the first {@link #KEEP_FIRST}. */
    public List<ReportCall> first() {
        return List.copyOf(memory);
    }

    /**
     * The last rows after {@link #first()}: empty while in memory, else up to {@link #KEEP_LAST}. The rows between
     * the two are only in cost.json.
     */
    public List<ReportCall> last() {
        return List.copyOf(last);
    }

    /** Every row in order; reads the spill file when there is one (the table must be sealed then). */
    @Override
    public Iterator<ReportCall> iterator() {
        if (spill == null) {
            return List.copyOf(memory).iterator();
        }
        if (!sealed) {
            throw new IllegalStateException("build the report before reading its calls");
        }
        try {
            return spill.reader(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the spill file, if any, once cost.json is written: {@link #first()}, {@link #last()} and
     * {@link #size()} still answer, but a spilled table can no longer be iterated.
     */
    @Override
    public void close() {
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    /** The spill file; also the cleaning action, so it must not refer to the table. */
    private static final class Spill implements Runnable {
        private final Path file;
        private DataOutputStream out;

        Spill(Path file) throws IOException {
            this.file = file;
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }

        void write(ReportCall c) throws IOException {
            out.writeLong(c.seq());
            out.writeLong(c.timestamp().getEpochSecond());
            out.writeInt(c.timestamp().getNano());
            string(c.callId());
            out.writeInt(c.attempt());
            string(c.step());
            string(c.lane());
            string(c.model());
            string(c.family());
            string(c.outcome());
            Usage u = c.usage();
            out.writeLong(u.inputTokens());
            out.writeLong(u.cacheReadTokens());
            out.writeLong(u.cacheWriteTokens());
            out.writeLong(u.cacheWrite1hTokens());
            out.writeLong(u.outputTokens());
            out.writeLong(u.reasoningTokens());
            string(c.costUsd().toString());
            out.writeLong(c.latencyMs());
            out.writeBoolean(c.round() != null);
            out.writeInt(c.round() == null ? 0 : c.round());
            string(c.errorMessage());
            string(c.routingReason());
        }

        private void string(String s) throws IOException {
            if (s == null) {
                out.writeInt(-1);
                return;
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        void finish() throws IOException {
            out.close();
        }

        Iterator<ReportCall> reader(long count) throws IOException {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            return new Iterator<>() {
                private long read;

                @Override
                public boolean hasNext() {
                    if (read < count) {
                        return true;
                    }
                    closeQuietly();
                    return false;
                }

                @Override
                public ReportCall next() {
                    if (read >= count) {
                        throw new NoSuchElementException();
                    }
                    try {
                        ReportCall c = row(in);
                        if (++read == count) {
                            closeQuietly();
                        }
                        return c;
                    } catch (IOException e) {
                        closeQuietly();
                        throw new UncheckedIOException("cannot read back the report's calls from " + file, e);
                    }
                }

                private void closeQuietly() {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // read-only stream
                    }
                }
            };
        }

        private static ReportCall row(DataInputStream in) throws IOException {
            long seq = in.readLong();
            Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
            String callId = string(in);
            int attempt = in.readInt();
            String step = string(in);
            String lane = string(in);
            String model = string(in);
            String family = string(in);
            String outcome = string(in);
            Usage usage = new Usage(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong());
            BigDecimal cost = new BigDecimal(string(in));
            long latency = in.readLong();
            boolean hasRound = in.readBoolean();
            int round = in.readInt();
            String error = string(in);
            String reason = string(in);
            return new ReportCall(seq, at, callId, attempt, step, lane, model, family, outcome, usage, cost, latency,
                    hasRound ? round : null, error, reason);
        }

        private static String string(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            byte[] bytes = new byte[n];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public void run() {
            try {
                out.close();
            } catch (IOException ignored) {
                // deleting it anyway
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file: the system cleans its temporary folder
            }
        }
    }
}
