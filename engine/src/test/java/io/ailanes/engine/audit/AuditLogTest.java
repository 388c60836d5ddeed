package io.ailanes.engine.audit;

import static io.ailanes.engine.audit.AuditFiles.CLOCK;
import static io.ailanes.engine.audit.AuditFiles.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.redact.Redactor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditLogTest {

    // A fake Anthropic-shaped key, built in pieces so no scanner mistakes this file for a leak.
    private static final String LEAKED_KEY = "sk-ant-" + "api03-Qw3rTy7UiOp9AsDf2GhJk4LzXc6VbNm8";
    private static final String CONFIGURED_SECRET = "corp-proxy-pass-7731";

    @TempDir
    Path dir;

    @Test
    void writesFieldsInAFixedOrderWithTheChainLast() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, AuditMode.FULL, Redactor.PATTERNS_ONLY, CLOCK)) {
            log.append(AuditEntry.builder()
                    .runId("run-1").callId("call-1").attempt(1).step("plan").lane("reasoning")
                    .provider("anthropic").model("claude-sonnet-4-5").routingReason("plan goes to reasoning")
                    .outcome(AuditOutcome.SUCCEEDED)
                    .usage(new Usage(1200, 300, 40, 5, 250, 90))
                    .costUsd(new BigDecimal("0.0123450")).reservedUsd(new BigDecimal("0.10"))
                    .latencyMs(1534).prompt("hi").response("hello")
                    .attribute("round", "1").attribute("budgetScope", "run")
                    .build());
        }

        String line = lines(file).get(0);
        String content = "{\"v\":1,\"seq\":1,\"timestamp\":\"2025-06-01T12:00:00Z\",\"runId\":\"run-1\","
                + "\"callId\":\"call-1\",\"attempt\":1,\"step\":\"plan\",\"lane\":\"reasoning\","
                + "\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-5\","
                + "\"routingReason\":\"plan goes to reasoning\",\"outcome\":\"SUCCEEDED\",\"errorKind\":null,"
                + "\"httpStatus\":null,\"errorMessage\":null,\"tokens\":{\"input\":1200,\"cacheRead\":300,"
                + "\"cacheWrite\":40,\"cacheWrite1h\":5,\"output\":250,\"reasoning\":90},"
                + "\"costUsd\":\"0.0123450\",\"reservedUsd\":\"0.10\",\"latencyMs\":1534,"
                + "\"promptSha256\":\"" + Sha256.hex("hi") + "\",\"responseSha256\":\"" + Sha256.hex("hello") + "\","
                + "\"promptText\":\"hi\",\"responseText\":\"hello\","
                + "\"attributes\":{\"budgetScope\":\"run\",\"round\":\"1\"},\"prev\":\"" + Sha256.ZERO + "\"}";
        assertThat(line).isEqualTo(content.substring(0, content.length() - 1)
                + ",\"hash\":\"" + Sha256.hex(content) + "\"}");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).endsWith("\"}\n").doesNotContain("\r");
    }

    @Test
    void readsBackWhatWasWritten() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        List<AuditEntry> written = new ArrayList<>();
        try (AuditLog log = AuditLog.open(file, AuditMode.FULL, Redactor.PATTERNS_ONLY, CLOCK)) {
            for (int n = 1; n <= 8; n++) {
                written.add(log.append(AuditFiles.entry(n)));
            }
            written.add(log.append(AuditEntry.builder().runId("run-42").callId("call-9").step("review")
                    .outcome(AuditOutcome.REFUSED).error("BUDGET_EXCEEDED", null, "run budget of $2.00 reached")
                    .timestamp(Instant.parse("2025-06-01T12:34:56.789Z")).build()));
        }

        List<AuditEntry> read;
        try (AuditReader reader = AuditReader.open(file); Stream<AuditEntry> entries = reader.stream()) {
            read = entries.toList();
        }

        assertThat(read).containsExactlyElementsOf(written);
        assertThat(read).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        AuditEntry third = read.get(2);
        assertThat(third.outcome()).isEqualTo(AuditOutcome.RETRYING);
        assertThat(third.errorKind()).isEqualTo(ErrorKind.RATE_LIMITED.name());
        assertThat(third.httpStatus()).isEqualTo(429);
        assertThat(third.usage()).isEqualTo(new Usage(1003, 200, 0, 0, 303, 50));
        assertThat(third.costUsd()).isEqualTo(new BigDecimal("0.001003")); // scale kept, not 0.001003000001
        assertThat(third.timestamp()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(read.get(8).timestamp()).isEqualTo(Instant.parse("2025-06-01T12:34:56.789Z"));
        assertThat(read.get(8).reservedUsd()).isNull();
        assertThat(read.get(8).promptSha256()).isNull();
    }

    @Test
    void fullModeKeepsTextHashesModeDoesNot() throws IOException {
        for (AuditMode mode : AuditMode.values()) {
            Path file = dir.resolve(mode + ".jsonl");
            AuditEntry written;
            try (AuditLog log = AuditLog.open(file, mode, Redactor.PATTERNS_ONLY, CLOCK)) {
                written = log.append(AuditFiles.entry(1));
            }
            String line = lines(file).get(0);
            AuditEntry read;
            try (AuditReader reader = AuditReader.open(file)) {
                read = reader.iterator().next();
            }

            assertThat(read.promptSha256()).isEqualTo(Sha256.hex("prompt 1"));
            assertThat(read.responseSha256()).isEqualTo(Sha256.hex("answer 1"));
            if (mode == AuditMode.FULL) {
                assertThat(line).contains("\"promptText\":\"prompt 1\",\"responseText\":\"answer 1\"");
                assertThat(read.promptText()).isEqualTo("prompt 1");
                assertThat(read.responseText()).isEqualTo("answer 1");
            } else {
                assertThat(line).doesNotContain("promptText").doesNotContain("responseText")
                        .doesNotContain("prompt 1").doesNotContain("answer 1");
                assertThat(read.promptText()).isNull();
                assertThat(written.responseText()).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AuditMode.class)
    void secretsNeverReachTheFile(AuditMode mode) throws IOException {
        Path file = dir.resolve("audit.jsonl");
        String prompt = "Use the key " + LEAKED_KEY + " and the proxy password " + CONFIGURED_SECRET + ".";
        try (AuditLog log = AuditLog.open(file, mode, Redactor.of(CONFIGURED_SECRET), CLOCK)) {
            log.append(AuditEntry.builder().runId("run-1").callId("call-1").outcome(AuditOutcome.FAILED)
                    .error(ErrorKind.AUTHENTICATION, 401, "anthropic claude-haiku-4-5 HTTP 401: invalid x-api-key "
                            + LEAKED_KEY)
                    .routingReason("fallback after " + CONFIGURED_SECRET)
                    .attribute("note", "retried with " + LEAKED_KEY)
                    .prompt(prompt).response("Sure, " + LEAKED_KEY).build());
        }

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(LEAKED_KEY).doesNotContain(CONFIGURED_SECRET)
                .doesNotContain(LEAKED_KEY.substring(10));
        assertThat(text).contains("\"errorMessage\":\"anthropic claude-haiku-4-5 HTTP 401: invalid x-api-key "
                + "[REDACTED:anthropic]\"");
        assertThat(text).contains("\"routingReason\":\"fallback after ****\"");
        // The hash is of the exact text sent (so it matches the provider's logs); only the stored text is masked.
        assertThat(text).contains("\"promptSha256\":\"" + Sha256.hex(prompt) + "\"");
        if (mode == AuditMode.FULL) {
            assertThat(text).contains("\"promptText\":\"Use the key [REDACTED:anthropic] and the proxy password ****.\"");
        }
        assertThat(AuditVerifier.verify(file).ok()).isTrue();
    }

    @Test
    void reopeningContinuesTheChain() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        String firstHead = AuditFiles.write(file, 3);
        String finalHead;
        try (AuditLog log = AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY, CLOCK)) {
            assertThat(log.lastSeq()).isEqualTo(3);
            assertThat(log.head()).isEqualTo(firstHead);
            assertThat(log.append(AuditFiles.entry(4)).seq()).isEqualTo(4);
            assertThat(log.append(AuditFiles.entry(5)).seq()).isEqualTo(5);
            finalHead = log.head();
        }

        List<String> lines = lines(file);
        assertThat(lines).hasSize(5);
        assertThat(AuditFiles.field(lines.get(3), "prev")).isEqualTo(firstHead).isEqualTo(Sha256.hex(lines.get(2)));
        VerificationResult result = AuditVerifier.verify(file, finalHead);
        assertThat(result.ok()).isTrue();
        assertThat(result.linesChecked()).isEqualTo(5);
    }

    @Test
    void aSecondWriterIsRefused() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY, CLOCK)) {
            log.append(AuditFiles.entry(1));
            assertThatThrownBy(() -> AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY, CLOCK))
                    .isInstanceOf(IOException.class)
                    .hasMessage(file + " is already open for writing by another audit log");
        }
    }

    @Test
    void aTornLastLineIsReportedNotExtended() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditFiles.write(file, 4);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.substring(0, text.length() - 30), StandardCharsets.UTF_8);
        long sizeBefore = Files.size(file);

        assertThatThrownBy(() -> AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY, CLOCK))
                .isInstanceOf(AuditFormatException.class)
                .hasMessage(file + " line 4: the file ends with an incomplete line (a writer stopped mid-line); "
                        + "remove or repair it, then run `ai-lanes audit verify`, before appending")
                .extracting(e -> ((AuditFormatException) e).lineNumber()).isEqualTo(4L);
        assertThat(Files.size(file)).isEqualTo(sizeBefore);
    }

    @Test
    void anEditedLastLineIsNotExtended() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditFiles.write(file, 4);
        List<String> lines = lines(file);
        lines.set(3, lines.get(3).replace("\"latencyMs\":804", "\"latencyMs\":1"));
        AuditFiles.rewrite(file, lines);

        assertThatThrownBy(() -> AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY, CLOCK))
                .isInstanceOf(AuditFormatException.class)
                .hasMessage(file + " line 4: the last line is not an intact audit line; "
                        + "run `ai-lanes audit verify` before appending");
    }

    @Test
    void sixteenThreadsAppendWithContiguousSeqs() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        int threads = 16;
        int perThread = 1000;
        String head;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AuditLog log = AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY, CLOCK)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < perThread; n++) {
                        log.append(AuditFiles.entry(n % 20 + 1).toBuilder()
                                .callId("t" + thread + "-" + n).build());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            head = log.head();
        } finally {
            pool.shutdownNow();
        }

        VerificationResult result = AuditVerifier.verify(file, head);
        assertThat(result.problems()).isEmpty();
        assertThat(result.linesChecked()).isEqualTo(16_000);
        long expected = 1;
        long perCaller = 0;
        try (AuditReader reader = AuditReader.open(file)) {
            for (AuditEntry entry : reader) {
                assertThat(entry.seq()).isEqualTo(expected++);
                perCaller += entry.callId().startsWith("t7-") ? 1 : 0;
            }
        }
        assertThat(expected - 1).isEqualTo(16_000);
        assertThat(perCaller).isEqualTo(perThread);
    }
}
