package io.ailanes.engine.audit;

import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.redact.Redactor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds real audit files through {@link AuditLog} and tampers with them as a text editor would. */
final class AuditFiles {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private AuditFiles() {}

    /** Entry n of a plausible run: successes, a retry and a fallback, with distinct costs. */
    static AuditEntry entry(int n) {
        AuditEntry.Builder b = AuditEntry.builder()
                .runId("run-42")
                .callId("call-" + (n + 1) / 2)
                .attempt(n % 2 == 0 ? 2 : 1)
                .step(n <= 5 ? "plan" : "implement")
                .lane(n <= 5 ? "reasoning" : "execution")
                .provider("openai")
                .model(n <= 5 ? "gpt-5" : "gpt-5-mini")
                .routingReason("step default")
                .usage(new Usage(1000 + n, 200, 0, 0, 300 + n, 50))
                .costUsd(new BigDecimal("0.00" + (1000 + n)))
                .reservedUsd(new BigDecimal("0.05"))
                .latencyMs(800 + n)
                .prompt("prompt " + n)
                .attribute("round", Integer.toString(n / 4));
        if (n % 7 == 3) {
            return b.outcome(AuditOutcome.RETRYING).error(ErrorKind.RATE_LIMITED, 429, "Rate limit reached").build();
        }
        return b.outcome(AuditOutcome.SUCCEEDED).response("answer " + n).build();
    }

    /** Writes entries 1..count; returns the head the log reported when closed. */
    static String write(Path file, int count) throws IOException {
        try (AuditLog log = AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY, CLOCK)) {
            for (int n = 1; n <= count; n++) {
                log.append(entry(n));
            }
            return log.head();
        }
    }

    static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static void rewrite(Path file, List<String> lines) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    /** What a forger does after editing a line: recompute its own hash. */
    static String rehash(String line) {
        String content = line.substring(0, line.length() - AuditCodec.HASH_SUFFIX_LENGTH) + "}";
        return content.substring(0, content.length() - 1) + ",\"hash\":\"" + Sha256.hex(content) + "\"}";
    }

    static String field(String line, String name) {
        int at = line.indexOf("\"" + name + "\":");
        int start = at + name.length() + 3;
        int end = line.charAt(start) == '"' ? line.indexOf('"', start + 1) + 1 : indexOfAny(line, start, ",}");
        return line.substring(start, end).replace("\"", "");
    }

    static String replaceField(String line, String name, String newRawValue) {
        int at = line.indexOf("\"" + name + "\":");
        int start = at + name.length() + 3;
        int end = line.charAt(start) == '"' ? line.indexOf('"', start + 1) + 1 : indexOfAny(line, start, ",}");
        return line.substring(0, start) + newRawValue + line.substring(end);
    }

    private static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
