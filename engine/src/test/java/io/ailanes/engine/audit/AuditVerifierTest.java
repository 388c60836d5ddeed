package io.ailanes.engine.audit;

import static io.ailanes.engine.audit.AuditFiles.field;
import static io.ailanes.engine.audit.AuditFiles.lines;
import static io.ailanes.engine.audit.AuditFiles.rehash;
import static io.ailanes.engine.audit.AuditFiles.replaceField;
import static io.ailanes.engine.audit.AuditFiles.rewrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ailanes.engine.audit.VerificationProblem.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {

    @TempDir
    Path dir;

    private Path file;
    private String head;

    @BeforeEach
    void writeLog() throws IOException {
        file = dir.resolve("audit.jsonl");
        head = AuditFiles.write(file, 20);
    }

    @Test
    void intactLogVerifies() throws IOException {
        VerificationResult result = AuditVerifier.verify(file, head);

        assertThat(result.ok()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.linesChecked()).isEqualTo(20);
        assertThat(result.headHash()).isEqualTo(head).isEqualTo(Sha256.hex(lines(file).get(19)));
    }

    @Test
    void emptyFileVerifies() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));

        VerificationResult result = AuditVerifier.verify(empty);

        assertThat(result.ok()).isTrue();
        assertThat(result.linesChecked()).isZero();
        assertThat(result.headHash()).isEqualTo(Sha256.ZERO);
    }

    @Test
    void numberEditedInAMiddleLine() throws IOException {
        List<String> lines = lines(file);
        lines.set(6, lines.get(6).replace("\"input\":1007", "\"input\":7"));
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file),
                tuple(Kind.EDITED, 7L, "line 7 was edited (its hash does not match its content)"));
    }

    @Test
    void lastLineEdited() throws IOException {
        List<String> lines = lines(file);
        lines.set(19, replaceField(lines.get(19), "costUsd", "\"0.000001\""));
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file),
                tuple(Kind.EDITED, 20L, "line 20 was edited (its hash does not match its content)"));
    }

    @Test
    void middleLineDeleted() throws IOException {
        List<String> lines = lines(file);
        lines.remove(9);
        rewrite(file, lines);

        VerificationResult result = AuditVerifier.verify(file);

        assertProblems(result, tuple(Kind.REMOVED, 10L,
                "line 10 follows line 9: the line with seq 10 was removed (seq 10 missing)"));
        assertThat(result.linesChecked()).isEqualTo(19);
    }

    @Test
    void severalLinesDeleted() throws IOException {
        List<String> lines = lines(file);
        lines.subList(11, 14).clear(); // seq 12, 13, 14
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file), tuple(Kind.REMOVED, 12L,
                "line 12 follows line 11: the lines with seq 12 to 14 were removed (seq 12 to 14 missing)"));
    }

    @Test
    void firstLinesDeleted() throws IOException {
        List<String> lines = lines(file);
        lines.subList(0, 2).clear();
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file), tuple(Kind.REMOVED, 1L,
                "line 1 has seq 3: the lines with seq 1 to 2 were removed from the start (seq 1 to 2 missing)"));
    }

    @Test
    void adjacentLinesSwapped() throws IOException {
        List<String> lines = lines(file);
        Collections.swap(lines, 3, 4);
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file),
                tuple(Kind.REORDERED, 4L, "lines 4 and 5 are out of order (seq 5 before seq 4)"));
    }

    @Test
    void distantLinesSwapped() throws IOException {
        List<String> lines = lines(file);
        Collections.swap(lines, 3, 8);
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file),
                tuple(Kind.REORDERED, 4L, "lines 4 and 9 are out of order (seq 9 before seq 4)"));
    }

    @Test
    void lineMovedDown() throws IOException {
        List<String> lines = lines(file);
        lines.add(7, lines.remove(2)); // seq 3 now sits after seq 8
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file),
                tuple(Kind.REORDERED, 3L, "lines 3 and 8 are out of order (seq 4 before seq 3)"));
    }

    @Test
    void forgedLineInsertedWithItsOwnHashRecomputed() throws IOException {
        List<String> lines = lines(file);
        String tenth = lines.get(9);
        // A convincing forgery: next seq, prev chained to line 10, a cheaper cost, own hash recomputed.
        String forged = replaceField(tenth, "costUsd", "\"0.000001\"");
        forged = replaceField(forged, "seq", "11");
        forged = replaceField(forged, "prev", "\"" + Sha256.hex(tenth) + "\"");
        lines.add(10, rehash(forged));
        rewrite(file, lines);

        VerificationResult result = AuditVerifier.verify(file);

        assertProblems(result,
                tuple(Kind.INSERTED, 11L, "line 11 was inserted (line 12's prev skips it and names line 10)"));
        assertThat(result.linesChecked()).isEqualTo(21);
    }

    @Test
    void lineCopiedElsewhereIsADuplicate() throws IOException {
        List<String> lines = lines(file);
        lines.add(15, lines.get(4)); // an exact copy of seq 5, placed after seq 15
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file),
                tuple(Kind.DUPLICATED, 16L, "line 16 repeats seq 5 of line 5 (a copied or inserted line)"));
    }

    @Test
    void middleLineEditedAndRehashedBreaksTheChainAtTheNextLine() throws IOException {
        List<String> lines = lines(file);
        lines.set(6, rehash(replaceField(lines.get(6), "costUsd", "\"0.000001\"")));
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file), tuple(Kind.CHAIN_BROKEN, 8L,
                "line 8's prev does not match line 7 (line 7 was changed and re-hashed, or line 8 was forged)"));
    }

    @Test
    void truncatedTailIsInvisibleWithoutTheHeadAndCaughtWithIt() throws IOException {
        List<String> lines = lines(file);
        rewrite(file, lines.subList(0, 17));

        VerificationResult alone = AuditVerifier.verify(file);
        VerificationResult withHead = AuditVerifier.verify(file, head);

        // A shorter chain is still a valid chain: this is what the separately stored head is for.
        assertThat(alone.ok()).isTrue();
        assertThat(alone.linesChecked()).isEqualTo(17);
        assertThat(alone.headHash()).isEqualTo(Sha256.hex(lines.get(16)));
        assertThat(withHead.problems()).extracting(VerificationProblem::kind, VerificationProblem::line)
                .containsExactly(tuple(Kind.HEAD_MISMATCH, 17L));
        assertThat(withHead.problems().get(0).message())
                .startsWith("the file ends at line 17, whose hash " + alone.headHash().substring(0, 12))
                .endsWith("is not the recorded head " + head.substring(0, 12) + "...: lines were removed from or "
                        + "added to the end");
    }

    @Test
    void tornLastLine() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.substring(0, text.length() - 40), StandardCharsets.UTF_8);

        VerificationResult result = AuditVerifier.verify(file);

        assertProblems(result, tuple(Kind.TORN, 20L,
                "line 20 is incomplete (no newline at its end: the writer stopped mid-line)"));
        assertThat(result.headHash()).isEqualTo(Sha256.hex(lines(file).get(18)));
    }

    @Test
    void garbageLineIsMalformedAndItsSeqIsNotReportedMissing() throws IOException {
        List<String> lines = lines(file);
        lines.set(11, "{\"seq\": oops");
        rewrite(file, lines);

        VerificationResult result = AuditVerifier.verify(file);

        assertProblems(result, tuple(Kind.MALFORMED, 12L,
                "line 12 is not an audit line (it does not end with a \"hash\" field)"));
    }

    @Test
    void editThatBreaksTheJsonIsStillAnEdit() throws IOException {
        List<String> lines = lines(file);
        lines.set(11, lines.get(11).replace("{\"v\":1,\"seq\":12,", "{\"v\":1,\"seq\":,"));
        rewrite(file, lines);

        assertProblems(AuditVerifier.verify(file),
                tuple(Kind.EDITED, 12L, "line 12 was edited (its hash does not match its content)"));
    }

    @Test
    void seqFieldIsWhereTheTestsExpectIt() throws IOException {
        // Guards the tampering helpers above: they edit the fields by name.
        String first = lines(file).get(0);
        assertThat(field(first, "seq")).isEqualTo("1");
        assertThat(field(first, "prev")).isEqualTo(Sha256.ZERO);
        assertThat(first).startsWith("{\"v\":1,\"seq\":1,");
    }

    private static void assertProblems(VerificationResult result, org.assertj.core.groups.Tuple... expected) {
        assertThat(result.problems())
                .extracting(VerificationProblem::kind, VerificationProblem::line, VerificationProblem::message)
                .containsExactly(expected);
        assertThat(result.ok()).isFalse();
    }
}
