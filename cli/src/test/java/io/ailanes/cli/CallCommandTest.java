package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.testing.Responses;
import io.ailanes.modelserver.ModelServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ai-lanes call} end to end: configuration file, real HTTP on loopback, pricing, output, exit codes. */
class CallCommandTest {

    @TempDir
    Path dir;

    private ModelServer provider;

    @BeforeEach
    void start() throws Exception {
        provider = ModelServer.start(0, (protocol, model, prompt) -> "Scripted answer for " + model + ".");
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    private Path config(String yaml) throws Exception {
        Path file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Path scriptedConfig() throws Exception {
        return config("providers:\n"
                + "  - id: deepseek\n    kind: openai\n    baseUrl: " + provider.openAiBaseUrl() + "\n"
                + "  - id: anthropic\n    kind: anthropic\n    baseUrl: " + provider.anthropicBaseUrl() + "\n");
    }

    private record Run(int exit, String out, String err) {}

    /** Runs the command with this test's output folder and ledger (never the user's). */
    private Run run(String... args) {
        return runWith(Map.of(), args);
    }

    private Run runWith(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", dir.resolve("out").toString(), "--ledger", dir.resolve("ledger.jsonl").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AiLanes.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                environment);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void streamsTheAnswerThenReportsUsageCostAndLatency() throws Exception {
        Run run = run("call", "--provider-config", scriptedConfig().toString(), "--model", "deepseek/deepseek-chat",
                "Say hello");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Scripted answer for deepseek-chat.");
        assertThat(run.err()).contains("model     deepseek/deepseek-chat", "tokens    input ", "cost      $",
                "latency ", "1 attempt");
        JsonNode sent = provider.bodies().get(0);
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Say hello");
    }

    @Test
    void jsonOutputCarriesUsageAndTheCostComputedFromIt() throws Exception {
        Run run = run("call", "--provider-config", scriptedConfig().toString(), "--model",
                "anthropic/claude-opus-4-5", "--json", "Plan the fix");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = Json.tryParse(run.out()).orElseThrow();
        assertThat(result.path("text").asText()).isEqualTo("Scripted answer for claude-opus-4-5.");
        long input = result.path("usage").path("inputTokens").asLong();
        long output = result.path("usage").path("outputTokens").asLong();
        assertThat(input).isPositive();
        assertThat(output).isPositive();
        // Recompute from the bundled catalog's Opus 4.5 prices: the command must bill exactly this.
        var price = io.ailanes.engine.price.PriceCatalog.bundled().require("anthropic/claude-opus-4-5").prices();
        BigDecimal expected = price.input().multiply(BigDecimal.valueOf(input))
                .add(price.output().multiply(BigDecimal.valueOf(output)))
                .divide(BigDecimal.valueOf(1_000_000));
        assertThat(new BigDecimal(result.path("costUsd").path("total").asText())).isEqualByComparingTo(expected);
        assertThat(result.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aModelWithoutAPriceIsRefusedBeforeAnythingIsSent() throws Exception {
        Run run = run("call", "--provider-config", scriptedConfig().toString(), "--model", "deepseek/no-such-model",
                "Hello");

        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("unknown model \"deepseek/no-such-model\"", "give it a price");
        assertThat(provider.bodies()).isEmpty();
        // PROVIDERS.md quotes this message: it must stay the one users get.
        String quoted = run.err().substring(run.err().indexOf("--model ")).strip().replace("deepseek/no-such-model", "acme/foo-1");
        assertThat(Files.readString(Path.of("..", "docs", "PROVIDERS.md")).replaceAll("\\s*\\n\\s*", " ")).contains(quoted);
    }

    @Test
    void aCallNeedsTheKeyOfItsOwnProviderOnlyAndAnUnknownModelIsNamedAsTheOption() throws Exception {
        // examples/ai-lanes.yaml names four keyed providers; this call goes to one of them.
        String example = Files.readString(Path.of("..", "examples", "ai-lanes.yaml"))
                .replace("https://api.deepseek.com/v1", provider.openAiBaseUrl());
        Path file = config(example);

        Run run = runWith(Map.of("DEEPSEEK_API_KEY", "sk-deepseek-only-0123456789"), "call", "--provider-config",
                file.toString(), "--model", "deepseek/deepseek-chat", "--json", "Hi");
        Run typo = runWith(Map.of("DEEPSEEK_API_KEY", "sk-deepseek-only-0123456789"), "call", "--provider-config",
                file.toString(), "--model", "deepseek/deepseek-chatt", "Hi");
        Run lane = runWith(Map.of("DEEPSEEK_API_KEY", "sk-deepseek-only-0123456789"), "call", "--provider-config",
                file.toString(), "--lane", "execution", "Hi");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(provider.bodies()).hasSize(1);
        assertThat(typo.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(typo.err()).contains("--model deepseek/deepseek-chatt: unknown model \"deepseek/deepseek-chatt\"")
                .doesNotContain("lanes.call").doesNotContain("ANTHROPIC_API_KEY");
        assertThat(lane.exit()).as("the execution lane also names gemini, whose key is not set").isEqualTo(AiLanes.USAGE);
        assertThat(lane.err()).contains("GEMINI_API_KEY").doesNotContain("ANTHROPIC_API_KEY").doesNotContain("OPENAI_API_KEY");
    }

    @Test
    void anOutFolderThatCannotBeCreatedIsAUsageErrorNamingTheOption() throws Exception {
        Files.writeString(dir.resolve("a-file"), "");
        List<String> args = List.of("call", "--provider-config", scriptedConfig().toString(), "--model",
                "deepseek/deepseek-chat", "--out", dir.resolve("a-file/out").toString(), "Hi");
        StringWriter err = new StringWriter();

        int exit = AiLanes.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), Map.of());

        assertThat(exit).isEqualTo(AiLanes.USAGE);
        assertThat(err.toString()).contains("--out " + dir.resolve("a-file/out") + " cannot be created",
                "give a folder you can write to");
        assertThat(provider.bodies()).isEmpty();
    }

    @Test
    void standardOutputHoldsOnlyTheAnswerOfTheAttemptThatSucceeded() throws Exception {
        for (String how : List.of("cut", "5xx", "stall")) {
            // Part of an answer, then the stream stops, reports a server error, or stalls past the idle timeout.
            io.ailanes.engine.testing.ScriptedBody broken = new io.ailanes.engine.testing.ScriptedBody()
                    .write(io.ailanes.engine.testing.Sse.delta("PARTIAL "));
            if (how.equals("5xx")) {
                broken.write("data: {\"error\": {\"message\": \"The server had an error\", \"type\": \"server_error\"}}\n\n");
            } else if (how.equals("stall")) {
                broken.stall();
            }
            try (MockWebServer server = new MockWebServer()) {
                server.enqueue(broken.sse());
                server.enqueue(Responses.sse(io.ailanes.engine.testing.Sse.answer("Hello world", 10, 2)));
                server.start();
                Path file = config("providers:\n  - id: deepseek\n    kind: openai\n    baseUrl: " + server.url("/v1")
                        + "\n    timeouts: {idle: 1s}\n    retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 10ms}\n");

                Run run = run("call", "--provider-config", file.toString(), "--model", "deepseek/deepseek-chat", "Hi");
                broken.release(); // lets a stalled server thread finish before the server closes

                assertThat(run.exit()).as(how + ": " + run.err()).isZero();
                assertThat(run.out()).as(how).isEqualTo("Hello world" + System.lineSeparator());
                assertThat(run.err()).as(how).contains("[ai-lanes] attempt 1 failed after streaming 8 characters (",
                        "discarded, not written");
            }
        }
    }

    @Test
    void aPriceSetInTheConfigurationMakesAnUnknownModelCallable() throws Exception {
        Path file = config("providers:\n"
                + "  - id: local\n    kind: openai\n    baseUrl: " + provider.openAiBaseUrl() + "\n"
                + "models:\n  - ref: local/my-model\n    price: {input: 1.5, output: 2}\n");

        Run run = run("call", "--provider-config", file.toString(), "--model", "local/my-model", "--json", "Hi");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = Json.tryParse(run.out()).orElseThrow();
        BigDecimal expected = new BigDecimal("1.5").multiply(BigDecimal.valueOf(result.at("/usage/inputTokens").asLong()))
                .add(new BigDecimal("2").multiply(BigDecimal.valueOf(result.at("/usage/outputTokens").asLong())))
                .divide(BigDecimal.valueOf(1_000_000));
        assertThat(new BigDecimal(result.at("/costUsd/total").asText())).isEqualByComparingTo(expected);
    }

    @Test
    void configurationProblemsAreAllReportedWithTheirPaths() throws Exception {
        Path file = config("providers:\n"
                + "  - id: a\n    kind: openia\n    baseUrl: http://127.0.0.1:1\n"
                + "  - id: b\n    kind: openai\n    baseUrl: ftp://example\n    timeouts: {idle: soon}\n");

        Run run = run("call", "--provider-config", file.toString(), "--model", "a/x", "Hi");

        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("providers[0].kind: unknown provider kind 'openia'",
                "providers[1].timeouts.idle: 'soon' is not a duration");
    }

    @Test
    void providerErrorsExitWith3AndNeverPrintTheKey() throws Exception {
        String key = "sk-CLI-LEAK-CHECK-7f3a9c2e51";
        try (MockWebServer server = new MockWebServer()) {
            // A proxy that echoes the credential back in its error body must not make us print it.
            server.enqueue(Responses.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + key
                    + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
            server.start();
            Path file = config("providers:\n  - id: openai\n    kind: openai\n    baseUrl: "
                    + server.url("/v1") + "\n    credentialsId: AI_LANES_TEST_KEY\n");

            Run run = runWithEnvKey(file, key);

            assertThat(run.exit()).isEqualTo(AiLanes.PROVIDER);
            assertThat(run.err()).contains("provider 'openai'", "model 'gpt-5'", "HTTP 401", "Incorrect API key provided");
            assertThat(run.out() + run.err()).doesNotContain(key);
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + key);
            for (String written : List.of("audit.jsonl", "cost.json", "report.html")) {
                assertThat(Files.readString(dir.resolve("out").resolve(written))).as(written).doesNotContain(key);
            }
        }
    }

    /** The command reads keys from the environment it is given, as from the process environment in real use. */
    private Run runWithEnvKey(Path file, String key) {
        return runWith(Map.of("AI_LANES_TEST_KEY", key),
                "call", "--provider-config", file.toString(), "--model", "openai/gpt-5", "Hi");
    }

    @Test
    void everyCallIsAuditedAndReportedAndTheAuditVerifies() throws Exception {
        Run run = run("call", "--provider-config", scriptedConfig().toString(), "--model", "deepseek/deepseek-chat",
                "--json", "Hi");

        assertThat(run.exit()).as(run.err()).isZero();
        Path out = dir.resolve("out");
        var verified = io.ailanes.engine.audit.AuditVerifier.verify(out.resolve("audit.jsonl"));
        assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
        assertThat(verified.linesChecked()).isEqualTo(1);
        JsonNode cost = Json.tryParse(Files.readString(out.resolve("cost.json"))).orElseThrow();
        JsonNode result = Json.tryParse(run.out()).orElseThrow();
        assertThat(new BigDecimal(cost.at("/totals/costUsd").asText()))
                .isEqualByComparingTo(new BigDecimal(result.at("/costUsd/total").asText()));
        assertThat(Files.readString(out.resolve("report.html"))).contains("deepseek/deepseek-chat");
    }

    @Test
    void aBudgetThatCannotAffordTheCallIsRefusedWithExit4AndNothingIsSent() throws Exception {
        // Opus 4.5 costs 25 USD per million output tokens: 256 tokens alone need 0.0064 USD.
        Run run = run("call", "--provider-config", scriptedConfig().toString(), "--model", "anthropic/claude-opus-4-5",
                "--budget", "0.001", "Plan the fix");

        assertThat(run.exit()).as(run.err()).isEqualTo(AiLanes.BUDGET);
        assertThat(run.err()).contains("budget refused", "cap $0.001");
        // Once as the routing decision, once as the error that ends the command: not a third time.
        assertThat(run.err().split("budget refused", -1)).hasSize(3);
        assertThat(provider.bodies()).isEmpty();
        var lines = Files.readAllLines(dir.resolve("out").resolve("audit.jsonl"));
        assertThat(lines).singleElement().asString().contains("REFUSED", "BUDGET_EXCEEDED");
    }

    @Test
    void aTightBudgetLowersTheOutputCapInsteadOfRefusing() throws Exception {
        Run run = run("call", "--provider-config", scriptedConfig().toString(), "--model", "anthropic/claude-opus-4-5",
                "--budget", "0.01", "--max-tokens", "4000", "--json", "Plan the fix");

        assertThat(run.exit()).as(run.err()).isZero();
        int sent = provider.bodies().get(0).path("max_tokens").asInt();
        assertThat(sent).isLessThan(4000).isGreaterThanOrEqualTo(256);
        assertThat(run.err()).contains("lowered from 4000 to " + sent + " output tokens");
    }
}
