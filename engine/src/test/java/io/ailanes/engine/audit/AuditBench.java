package io.ailanes.engine.audit;

import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.redact.Redactor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes, verifies and reads a 100k-line audit file and prints the times. A main, not a test: timings
 * depend on the machine. Run from the repository root:
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -pl engine -Dmdep.outputFile=target/bench.cp
 * java -cp engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.cp) \
 *     io.ailanes.engine.audit.AuditBench [lines]
 * </pre>
 */
public final class AuditBench {

    private AuditBench() {}

    public static void main(String[] args) throws IOException {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("audit-bench");
        Path file = dir.resolve("audit.jsonl");
        Redactor redactor = Redactor.of("bench-secret-value-123");
        // The prompt text stays out of HASHES mode, but its hash is computed per line like in real use.
        String prompt = "Implement the change described in plan step 3. ".repeat(40);
        try {
            for (int round = 1; round <= 2; round++) { // the first round warms the JIT up
                Files.deleteIfExists(file);
                long t0 = System.nanoTime();
                String head;
                try (AuditLog log = AuditLog.open(file, AuditMode.HASHES, redactor)) {
                    for (int n = 1; n <= lines; n++) {
                        AuditEntry.Builder b = AuditEntry.builder()
                                .runId("run-1").callId("call-" + n).attempt(1 + n % 3)
                                .step("implement").lane("execution").provider("openai").model("gpt-5-mini")
                                .routingReason("execution lane default for implement")
                                .usage(new Usage(12_000 + n % 500, 4_000, 0, 0, 800, 120))
                                .costUsd(new BigDecimal("0.004215")).reservedUsd(new BigDecimal("0.02"))
                                .latencyMs(900 + n % 400).prompt(prompt + n)
                                .attribute("round", Integer.toString(n % 5));
                        if (n % 10 == 0) {
                            b.outcome(AuditOutcome.RETRYING).error(ErrorKind.RATE_LIMITED, 429,
                                    "openai gpt-5-mini HTTP 429: Rate limit reached for requests");
                        } else {
                            b.outcome(AuditOutcome.SUCCEEDED).response("done " + n);
                        }
                        log.append(b.build());
                    }
                    head = log.head();
                }
                long t1 = System.nanoTime();
                VerificationResult result = AuditVerifier.verify(file, head);
                long t2 = System.nanoTime();
                long count = 0;
                BigDecimal total = BigDecimal.ZERO;
                try (AuditReader reader = AuditReader.open(file)) {
                    for (AuditEntry e : reader) {
                        count++;
                        total = total.add(e.costUsd());
                    }
                }
                long t3 = System.nanoTime();
                System.out.printf("round %d: %,d lines, %,d bytes: write %d ms, verify %d ms (ok=%s), read %d ms "
                                + "(%,d entries, total $%s)%n",
                        round, lines, Files.size(file), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, result.ok(),
                        (t3 - t2) / 1_000_000, count, total.toPlainString());
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
