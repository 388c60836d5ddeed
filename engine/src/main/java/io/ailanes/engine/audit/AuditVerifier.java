package io.ailanes.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.VerificationProblem.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an audit file's hash chain and seq numbers and says which lines were edited, removed, reordered or
 * inserted.
 *
 * <p>Evidence per line: its own {@code hash} (any edit that does not recompute it), its {@code prev} (the
 * line it was written after), and its {@code seq} (its place). Problems are reported once, at the line that
 * explains them: a chain break right after an edited, inserted, moved or removed line is a consequence, not
 * a second finding.
 *
 * <p>What cannot be detected from the file alone: the chain is not keyed, so someone who rewrites a line
 * <i>and every line after it</i> (recomputing hashes) leaves a consistent file; and removing lines from the
 * end, or appending forged lines at the end, leaves a valid shorter or longer chain. Both are caught by
 * comparing {@link VerificationResult#headHash()} with the head recorded outside the file (the Jenkins build
 * stores it with the build), which {@link #verify(Path, String)} does.
 *
 * <p>Memory: one long per line (the seqs, for the order analysis) plus the problems; the lines themselves
 * are streamed. A second streaming pass runs only when a possible insertion needs confirming.
 */
public final class AuditVerifier {

    private AuditVerifier() {}

    public static VerificationResult verify(Path file) throws IOException {
        return verify(file, null);
    }

    /** As {@link #verify(Path)}, and also checks that the file ends at {@code expectedHead} (null: no check). */
    public static VerificationResult verify(Path file, String expectedHead) throws IOException {
        // A clean file is read once in constant memory; only a file with a problem is read again keeping every
        // line's seq, which the diagnosis of moves, copies and gaps needs.
        Run fast = new Run(file, false);
        fast.readChain();
        if (fast.clean()) {
            return fast.result(expectedHead);
        }
        return new Run(file, true).check(expectedHead);
    }

    /** The state of one verification. Line numbers are 1-based; index 0 of the bit sets is unused. */
    private static final class Run {
        private final Path file;
        private final boolean keepSeqs;
        private final List<VerificationProblem> problems = new ArrayList<>();
        private long[] seqs;
        private long nextSeq = 1;
        private boolean seqsInOrder = true;
        private final BitSet edited = new BitSet();
        private final BitSet unreadable = new BitSet(); // malformed, torn, or edited beyond parsing
        private final BitSet broken = new BitSet(); // prev does not match the line before
        private final Map<String, Integer> insertionCandidates = new HashMap<>();
        private final BitSet inserted = new BitSet();
        private final BitSet duplicated = new BitSet();
        private final BitSet involvedInReorder = new BitSet();
        private final BitSet afterGap = new BitSet();
        private int lines;
        private String head = Sha256.ZERO;

        Run(Path file, boolean keepSeqs) {
            this.file = file;
            this.keepSeqs = keepSeqs;
            this.seqs = keepSeqs ? new long[1024] : null;
        }

        /** Nothing to diagnose: every line readable, unedited, chained to the one before, seqs 1, 2, 3, ... */
        boolean clean() {
            return problems.isEmpty() && insertionCandidates.isEmpty() && broken.isEmpty() && seqsInOrder;
        }

        VerificationResult result(String expectedHead) {
            checkHead(expectedHead);
            return new VerificationResult(problems.isEmpty(), lines, head, problems);
        }

        private void checkHead(String expectedHead) {
            if (expectedHead != null && !expectedHead.equals(head)) {
                problems.add(new VerificationProblem(Kind.HEAD_MISMATCH, lines, "the file ends at line " + lines
                        + ", whose hash " + abbreviate(head) + " is not the recorded head " + abbreviate(expectedHead)
                        + ": lines were removed from or added to the end"));
            }
        }

        VerificationResult check(String expectedHead) throws IOException {
            readChain();
            if (!insertionCandidates.isEmpty()) {
                confirmInsertions();
            }
            analyseSeqs();
            explainChainBreaks();
            checkHead(expectedHead);
            problems.sort(Comparator.comparingLong(VerificationProblem::line)
                    .thenComparing(VerificationProblem::kind));
            return new VerificationResult(problems.isEmpty(), lines, head, problems);
        }

        /** Pass 1: each line's own hash, its prev against the line before, and its seq. */
        private void readChain() throws IOException {
            String previous = Sha256.ZERO; // hash of line i-1; the chain starts at zeros
            String beforePrevious = null; // hash of line i-2
            try (LineReader reader = new LineReader(file)) {
                for (LineReader.RawLine raw; (raw = reader.next()) != null; ) {
                    int i = Math.toIntExact(raw.number());
                    lines = i;
                    byte[] bytes = raw.bytes();
                    String lineHash = Sha256.hex(bytes);
                    long seq = readLine(i, raw, bytes, previous, beforePrevious);
                    setSeq(i, seq);
                    beforePrevious = previous;
                    previous = lineHash;
                    if (raw.terminated()) {
                        head = lineHash;
                    }
                }
            }
        }

        /** Checks one line; returns its seq, or -1 if it cannot be read. */
        private long readLine(int i, LineReader.RawLine raw, byte[] bytes, String previous, String beforePrevious) {
            if (!raw.terminated()) {
                unreadable.set(i);
                problems.add(new VerificationProblem(Kind.TORN, i,
                        "line " + i + " is incomplete (no newline at its end: the writer stopped mid-line)"));
                return -1;
            }
            String stored = AuditCodec.storedHash(bytes);
            if (stored == null) {
                unreadable.set(i);
                problems.add(new VerificationProblem(Kind.MALFORMED, i,
                        "line " + i + " is not an audit line (it does not end with a \"hash\" field)"));
                return -1;
            }
            if (!stored.equals(AuditCodec.contentHash(bytes))) {
                edited.set(i);
                problems.add(new VerificationProblem(Kind.EDITED, i,
                        "line " + i + " was edited (its hash does not match its content)"));
            }
            long seq;
            String prev;
            try {
                JsonNode node = AuditCodec.parse(bytes);
                seq = AuditCodec.seq(node);
                prev = AuditCodec.prev(node);
            } catch (IllegalArgumentException e) {
                unreadable.set(i);
                if (!edited.get(i)) {
                    problems.add(new VerificationProblem(Kind.MALFORMED, i,
                            "line " + i + " is not a valid audit line: " + e.getMessage()));
                }
                return -1;
            }
            if (!prev.equals(previous)) {
                broken.set(i);
                if (beforePrevious != null && prev.equals(beforePrevious)) {
                    // Line i chains past line i-1: it was inserted, unless another line chains to it (a move).
                    insertionCandidates.put(previous, i - 1);
                }
            }
            return seq;
        }

        /** Pass 2: a candidate is inserted only if no line anywhere names it as its prev. */
        private void confirmInsertions() throws IOException {
            Set<String> referenced = new HashSet<>();
            try (LineReader reader = new LineReader(file)) {
                for (LineReader.RawLine raw; (raw = reader.next()) != null; ) {
                    try {
                        String prev = AuditCodec.prev(AuditCodec.parse(raw.bytes()));
                        if (insertionCandidates.containsKey(prev)) {
                            referenced.add(prev);
                        }
                    } catch (IllegalArgumentException e) {
                        // Already reported in pass 1.
                    }
                }
            }
            insertionCandidates.forEach((hash, line) -> {
                if (!referenced.contains(hash) && !edited.get(line) && !unreadable.get(line)) {
                    inserted.set(line);
                    int before = line - 1;
                    problems.add(new VerificationProblem(Kind.INSERTED, line, "line " + line + " was inserted (line "
                            + (line + 1) + "'s prev skips it and names "
                            + (before == 0 ? "the start of the chain" : "line " + before) + ")"));
                }
            });
        }

        /** Duplicates, then moves (lines outside a longest increasing run of seqs), then gaps. */
        private void analyseSeqs() {
            int[] considered = new int[lines];
            int count = 0;
            boolean inOrder = true;
            for (int i = 1; i <= lines; i++) {
                if (seqs[i] > 0 && !inserted.get(i)) {
                    inOrder &= seqs[i] == count + 1;
                    considered[count++] = i;
                }
            }
            if (inOrder) {
                return; // the normal case: 1, 2, 3, ... with nothing missing before the last
            }
            Integer[] bySeq = new Integer[count];
            for (int k = 0; k < count; k++) {
                bySeq[k] = considered[k];
            }
            Arrays.sort(bySeq, Comparator.<Integer>comparingLong(l -> seqs[l]).thenComparingInt(l -> l));
            markDuplicates(bySeq);
            int[] remaining = Arrays.stream(considered, 0, count).filter(l -> !duplicated.get(l)).toArray();
            reportMoves(remaining);
            reportGaps(bySeq);
        }

        private void markDuplicates(Integer[] bySeq) {
            int start = 0;
            while (start < bySeq.length) {
                int end = start;
                while (end + 1 < bySeq.length && seqs[bySeq[end + 1]] == seqs[bySeq[start]]) {
                    end++;
                }
                if (end > start) {
                    // The genuine one still chains to its predecessor; a copy placed elsewhere does not.
                    int genuine = bySeq[start];
                    for (int k = start; k <= end; k++) {
                        if (!broken.get(bySeq[k])) {
                            genuine = bySeq[k];
                            break;
                        }
                    }
                    for (int k = start; k <= end; k++) {
                        int line = bySeq[k];
                        if (line != genuine) {
                            duplicated.set(line);
                            problems.add(new VerificationProblem(Kind.DUPLICATED, line, "line " + line
                                    + " repeats seq " + seqs[line] + " of line " + genuine
                                    + " (a copied or inserted line)"));
                        }
                    }
                }
                start = end + 1;
            }
        }

        private void reportMoves(int[] order) {
            boolean[] kept = longestIncreasing(order);
            List<Integer> keptLines = new ArrayList<>();
            List<Integer> moved = new ArrayList<>();
            for (int k = 0; k < order.length; k++) {
                (kept[k] ? keptLines : moved).add(order[k]);
            }
            if (moved.isEmpty()) {
                return;
            }
            long[] keptSeqs = keptLines.stream().mapToLong(l -> seqs[l]).toArray();
            Set<Integer> paired = new HashSet<>();
            for (int a = 0; a < moved.size(); a++) {
                int m = moved.get(a);
                if (paired.contains(m)) {
                    continue;
                }
                // Two moved lines that cross each other: a swap, reported as one problem.
                int partner = -1;
                for (int b = a + 1; b < moved.size() && b < a + 1000; b++) {
                    int other = moved.get(b);
                    if (!paired.contains(other) && seqs[other] < seqs[m]) {
                        partner = other;
                        break;
                    }
                }
                if (partner < 0) {
                    partner = crossedKeptLine(m, keptLines, keptSeqs);
                }
                paired.add(m);
                if (partner < 0) {
                    involvedInReorder.set(m);
                    problems.add(new VerificationProblem(Kind.REORDERED, m,
                            "line " + m + " (seq " + seqs[m] + ") is out of order"));
                    continue;
                }
                paired.add(partner);
                int first = Math.min(m, partner);
                int second = Math.max(m, partner);
                involvedInReorder.set(first);
                involvedInReorder.set(second);
                problems.add(new VerificationProblem(Kind.REORDERED, first, "lines " + first + " and " + second
                        + " are out of order (seq " + seqs[first] + " before seq " + seqs[second] + ")"));
            }
        }

        /**
         * The kept line a moved line jumped over to reach its place: for a line moved down, the first kept
         * line with a higher seq (where it belongs); for a line moved up, the last kept line with a lower seq.
         */
        private int crossedKeptLine(int m, List<Integer> keptLines, long[] keptSeqs) {
            int k = Arrays.binarySearch(keptSeqs, seqs[m]);
            int firstHigher = k >= 0 ? k + 1 : -k - 1;
            if (firstHigher < keptSeqs.length && keptLines.get(firstHigher) < m) {
                return keptLines.get(firstHigher);
            }
            int lastLower = firstHigher - 1;
            if (lastLower >= 0 && keptLines.get(lastLower) > m) {
                return keptLines.get(lastLower);
            }
            return -1;
        }

        /** Marks the members of one longest strictly increasing subsequence of seqs (patience sorting, n log n). */
        private boolean[] longestIncreasing(int[] order) {
            int n = order.length;
            int[] tailIndex = new int[n];
            int[] parent = new int[n];
            int length = 0;
            for (int k = 0; k < n; k++) {
                long s = seqs[order[k]];
                int lo = 0;
                int hi = length;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (seqs[order[tailIndex[mid]]] < s) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                parent[k] = lo > 0 ? tailIndex[lo - 1] : -1;
                tailIndex[lo] = k;
                length = Math.max(length, lo + 1);
            }
            boolean[] kept = new boolean[n];
            for (int k = length > 0 ? tailIndex[length - 1] : -1; k >= 0; k = parent[k]) {
                kept[k] = true;
            }
            return kept;
        }

        /**
         * Seqs missing between 1 and the highest present, reported at the line holding the next seq. A gap
         * no larger than the run of unreadable lines just before that line is theirs, not a removal.
         */
        private void reportGaps(Integer[] bySeq) {
            long expected = 1;
            for (Integer line : bySeq) {
                if (duplicated.get(line)) {
                    continue;
                }
                long seq = seqs[line];
                if (seq > expected) {
                    long missing = seq - expected;
                    int unreadableBefore = 0;
                    for (int l = line - 1; l >= 1 && seqs[l] <= 0 && !inserted.get(l); l--) {
                        unreadableBefore++;
                    }
                    if (unreadableBefore < missing) {
                        afterGap.set(line);
                        problems.add(new VerificationProblem(Kind.REMOVED, line, gapMessage(line, expected, seq - 1)));
                    }
                }
                expected = Math.max(expected, seq + 1);
            }
        }

        private String gapMessage(int line, long from, long to) {
            String which = from == to
                    ? "the line with seq " + from + " was removed (seq " + from + " missing)"
                    : "the lines with seq " + from + " to " + to + " were removed (seq " + from + " to " + to
                            + " missing)";
            if (line == 1) {
                return "line 1 has seq " + (to + 1) + ": " + which.replace("removed", "removed from the start");
            }
            return "line " + line + " follows line " + (line - 1) + ": " + which;
        }

        /** A prev mismatch that no edit, insertion, move or removal explains. */
        private void explainChainBreaks() {
            for (int i = broken.nextSetBit(0); i >= 0; i = broken.nextSetBit(i + 1)) {
                int before = i - 1;
                boolean explained = edited.get(i) || edited.get(before) || unreadable.get(before)
                        || inserted.get(i) || inserted.get(before) || duplicated.get(i) || duplicated.get(before)
                        || involvedInReorder.get(i) || involvedInReorder.get(before) || afterGap.get(i);
                if (!explained) {
                    problems.add(new VerificationProblem(Kind.CHAIN_BROKEN, i, i == 1
                            ? "line 1's prev is not the start of the chain (the lines before it were removed and the "
                                    + "rest renumbered, or the file was spliced)"
                            : "line " + i + "'s prev does not match line " + before + " (line " + before
                                    + " was changed and re-hashed, or line " + i + " was forged)"));
                }
            }
        }

        private void setSeq(int line, long seq) {
            if (seq > 0) {
                seqsInOrder &= seq == nextSeq;
                nextSeq++;
            }
            if (!keepSeqs) {
                return;
            }
            if (line >= seqs.length) {
                seqs = Arrays.copyOf(seqs, seqs.length * 2);
            }
            seqs[line] = seq;
        }

        private static String abbreviate(String hash) {
            return hash.length() > 12 ? hash.substring(0, 12) + "..." : hash;
        }
    }
}
