package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.cli.demo.DemoScript;
import io.ailanes.engine.budget.EstimatorCalibration;
import io.ailanes.engine.json.Json;
import io.ailanes.modelserver.ModelServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input estimator against the demo's scripted models, which report usage: the demo itself, then the same
 * workflow ({@code run} against the scripted server) three times on one ledger, so the second and third runs start
 * with what the earlier ones taught the calibration. Prints the figures in docs/PERFORMANCE.md (nothing is timed)
 * and asserts that no call's reservation was under its bill, nor any reserved input under the reported input.
 */
class DemoCalibrationTest {

    @TempDir
    Path dir;

    /** One call's ledger lines: its reservation, its settlement and the input tokens the settlement carries. */
    private record Call(String key, BigDecimal reserved, BigDecimal spent, long estimated, long reservedInput,
            long reported) {}

    @Test
    void reservationsCoverEveryBillAndTightenOnceTheLedgerHasHistory() throws Exception {
        // `ai-lanes demo`: a fresh ledger, as every demo run has.
        CliTestSupport.Run demo = CliTestSupport.runWithEnvironment(Map.of("PATH", System.getenv("PATH")), "demo",
                "--out", dir.resolve("demo").toString());
        assertThat(demo.exit()).as(demo.out() + demo.err()).isZero();
        List<Call> demoCalls = calls(Files.readAllLines(dir.resolve("demo/demo-ledger.jsonl")));
        System.out.println("demo: " + summary(demoCalls));
        demoCalls.stream().map(Call::key).distinct().sorted().forEach(key -> System.out.println("demo, " + key + ": "
                + summary(demoCalls.stream().filter(c -> c.key().equals(key)).toList())));
        check("demo", demoCalls);

        Path ledger = dir.resolve("ledger.jsonl");
        List<List<Call>> runs = new ArrayList<>();
        try (ModelServer provider = ModelServer.start(0, new DemoScript())) {
            Path config = dir.resolve("ai-lanes.yaml");
            Files.writeString(config, """
                    providers:
                      - {id: anthropic, kind: anthropic, baseUrl: "%s"}
                      - {id: deepseek, kind: openai, baseUrl: "%s"}
                    lanes:
                      - {name: reasoning, models: [anthropic/claude-opus-4-6]}
                      - {name: execution, models: [deepseek/deepseek-flash], escalateTo: reasoning}
                      - {name: review, models: [anthropic/claude-sonnet-4-6]}
                    """.formatted(provider.anthropicBaseUrl(), provider.openAiBaseUrl()));
            Path java = Path.of(System.getProperty("java.home"), "bin");
            String gate = DemoCommand.SAMPLE_GATE.replace("javac ", "'" + java.resolve("javac") + "' ")
                    .replace("java -cp", "'" + java.resolve("java") + "' -cp");
            int seen = 0;
            for (int run = 1; run <= 3; run++) {
                Path sample = DemoCommand.copyProject(dir.resolve("sample"));
                CliTestSupport.Run result = CliTestSupport.runWithEnvironment(Map.of("PATH", System.getenv("PATH")),
                        "run", "--provider-config", config.toString(), "--workspace", sample.toString(), "--out",
                        dir.resolve("out" + run).toString(), "--task", DemoCommand.TASK, "--context", "src/**",
                        "--gate", "test=" + gate, "--ledger", ledger.toString(), "--budget", "2.00");
                assertThat(result.exit()).as(result.out() + result.err()).isZero();
                List<String> lines = Files.readAllLines(ledger, StandardCharsets.UTF_8);
                List<Call> calls = calls(lines.subList(seen, lines.size()));
                seen = lines.size();
                runs.add(calls);
                System.out.println("run " + run + " on one ledger: " + summary(calls));
                check("run " + run, calls);
            }
        }
        long firstInput = runs.get(0).stream().mapToLong(Call::reservedInput).sum();
        long lastInput = runs.get(2).stream().mapToLong(Call::reservedInput).sum();
        assertThat(runs.get(0)).as("the first run has no history: reserved input = the upper bound")
                .allSatisfy(c -> assertThat(c.reservedInput()).isEqualTo(c.estimated()));
        assertThat(lastInput).as("the third run reserves less input than the first").isLessThan(firstInput);
        assertThat(runs.get(2)).as("the third run reserves the floor of the upper bound")
                .allSatisfy(c -> assertThat(c.reservedInput()).isEqualTo((long) Math.ceil(0.8 * c.estimated())));
    }

    /** No call billed above its reservation, no reported input above the reserved input or the floor's bound. */
    private static void check(String what, List<Call> calls) {
        assertThat(calls).as(what + " calls").isNotEmpty();
        for (Call call : calls) {
            assertThat(call.spent()).as(what + ": bill within the reservation").isLessThanOrEqualTo(call.reserved());
            assertThat(call.reported()).as(what + ": reported input within the reserved input")
                    .isLessThanOrEqualTo(call.reservedInput());
            assertThat(call.reported()).as(what + ": reported input within the floor of the estimate, whatever the history")
                    .isLessThanOrEqualTo((long) Math.ceil(EstimatorCalibration.FLOOR * call.estimated()));
        }
    }

    private static List<Call> calls(List<String> lines) {
        Map<Long, BigDecimal> reserved = new HashMap<>();
        List<Call> calls = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = Json.tryParse(line).orElseThrow();
            long id = event.path("id").asLong();
            switch (event.path("e").asText()) {
                case "reserve" -> reserved.put(id, new BigDecimal(event.path("usd").asText()));
                case "settle" -> {
                    assertThat(event.has("cal")).as("every demo model is calibrated: " + line).isTrue();
                    calls.add(new Call(event.path("cal").asText(), reserved.remove(id),
                            new BigDecimal(event.path("usd").asText()), event.path("est").asLong(),
                            event.path("res").asLong(), event.path("rep").asLong()));
                }
                default -> throw new AssertionError("unexpected ledger event " + line);
            }
        }
        return calls;
    }

    private static String summary(List<Call> calls) {
        BigDecimal reserved = calls.stream().map(Call::reserved).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal spent = calls.stream().map(Call::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
        long estimated = calls.stream().mapToLong(Call::estimated).sum();
        long reservedInput = calls.stream().mapToLong(Call::reservedInput).sum();
        long reported = calls.stream().mapToLong(Call::reported).sum();
        double min = calls.stream().mapToDouble(c -> (double) c.reported() / c.estimated()).min().orElse(0);
        double max = calls.stream().mapToDouble(c -> (double) c.reported() / c.estimated()).max().orElse(0);
        return String.format(Locale.ROOT, "%d calls; input tokens estimated %d, reserved %d, reported %d"
                        + " (reported/estimated %.3f–%.3f; reserved/reported %.2f); USD reserved %s, spent %s,"
                        + " reserved/spent %s",
                calls.size(), estimated, reservedInput, reported, min, max, (double) reservedInput / reported,
                reserved.toPlainString(), spent.toPlainString(), reserved.divide(spent, 2, RoundingMode.HALF_UP));
    }
}
