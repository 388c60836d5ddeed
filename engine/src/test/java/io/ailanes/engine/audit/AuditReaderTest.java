package io.ailanes.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReaderTest {

    @TempDir
    Path dir;

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, "{\"v\":2,\"seq\":1,\"timestamp\":\"2025-06-01T12:00:00Z\",\"outcome\":\"SUCCEEDED\","
                + "\"costUsd\":\"0.5\",\"futureField\":{\"nested\":[1,2]},\"tokens\":{\"input\":10,\"audio\":3},"
                + "\"prev\":\"" + Sha256.ZERO + "\",\"hash\":\"" + Sha256.ZERO + "\"}\n", StandardCharsets.UTF_8);

        try (AuditReader reader = AuditReader.open(file)) {
            List<AuditEntry> entries = reader.stream().toList();

            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).seq()).isEqualTo(1);
            assertThat(entries.get(0).costUsd()).isEqualTo(new BigDecimal("0.5"));
            assertThat(entries.get(0).usage().inputTokens()).isEqualTo(10);
            assertThat(entries.get(0).attributes()).isEmpty();
        }
    }

    @Test
    void malformedLineNamesItsNumber() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditFiles.write(file, 3);
        List<String> lines = AuditFiles.lines(file);
        lines.add(1, "not json at all");
        AuditFiles.rewrite(file, lines);

        try (AuditReader reader = AuditReader.open(file)) {
            Iterator<AuditEntry> it = reader.iterator();
            assertThat(it.next().seq()).isEqualTo(1);
            assertThatThrownBy(it::next)
                    .isInstanceOf(AuditFormatException.class)
                    .hasMessageStartingWith(file + " line 2: not JSON (")
                    .extracting(e -> ((AuditFormatException) e).lineNumber()).isEqualTo(2L);
        }
    }

    @Test
    void badFieldValuesAreNamed() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditFiles.write(file, 3);
        List<String> lines = AuditFiles.lines(file);
        lines.set(2, AuditFiles.replaceField(lines.get(2), "outcome", "\"EXPLODED\""));
        lines.set(1, AuditFiles.replaceField(lines.get(1), "costUsd", "\"cheap\""));
        AuditFiles.rewrite(file, lines);

        try (AuditReader reader = AuditReader.open(file)) {
            Iterator<AuditEntry> it = reader.iterator();
            it.next();
            assertThatThrownBy(it::next).hasMessage(file + " line 2: \"costUsd\" is not a decimal number: cheap");
            assertThatThrownBy(it::next).hasMessage(file + " line 3: \"outcome\" is unknown: EXPLODED");
        }
    }

    @Test
    void tornLastLineIsAnError() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditFiles.write(file, 2);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.substring(0, text.length() - 1), StandardCharsets.UTF_8);

        try (AuditReader reader = AuditReader.open(file)) {
            Iterator<AuditEntry> it = reader.iterator();
            it.next();
            assertThatThrownBy(it::hasNext).hasMessage(
                    file + " line 2: incomplete line (no newline at its end: the writer stopped mid-line)");
        }
    }

    @Test
    void longLinesSpanningTheReadBufferAreReadWhole() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        String big = "x".repeat(200_000);
        try (AuditLog log = AuditLog.open(file, AuditMode.FULL, io.ailanes.engine.redact.Redactor.PATTERNS_ONLY,
                AuditFiles.CLOCK)) {
            log.append(AuditFiles.entry(1));
            log.append(AuditFiles.entry(2).toBuilder().prompt(big).build());
            log.append(AuditFiles.entry(3));
        }

        try (AuditReader reader = AuditReader.open(file)) {
            List<AuditEntry> entries = reader.stream().toList();
            assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
            assertThat(entries.get(1).promptText()).isEqualTo(big);
        }
        assertThat(AuditVerifier.verify(file).ok()).isTrue();
    }
}
