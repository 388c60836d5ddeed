package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.Responses;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ai-lanes run} refuses a bad implement option before the plan step sends (and pays for) anything. */
class RunOptionsCheckedFirstTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.started();
    private final MockWebServer server = loopback.server();
    private Path config;

    @BeforeEach
    void start() throws Exception {
        // Were the plan step to call anyway, it would get a prompt answer (a refusal), not a hang.
        server.enqueue(Responses.json(400, "{\"error\": {\"message\": \"no call was expected\"}}"));
        config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers:\n  - id: openai\n    kind: openai\n    baseUrl: " + server.url("/v1") + "\n"
                + "lanes:\n  - name: reasoning\n    models: [openai/gpt-5]\n  - name: execution\n    models: [openai/gpt-5-mini]\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--format|bogus|--format must be",
        "--on-failure|later|--on-failure must be",
        "--max-rounds|0|--max-rounds must be at least 1",
        "--gate-timeout|0|--gate-timeout must be at least 1 minute",
        "--junit|test=**/*.xml|no --gate has that name",
        "--allow-path|../outside.txt|allowed path",
        "--allow-gate-command|' '|pattern is empty"
    })
    void aBadImplementOptionIsAUsageErrorBeforeAnyCall(String option, String value, String message) throws Exception {
        CliTestSupport.Run run = CliTestSupport.run("run", "--task", "Fix the bug", "--workspace", dir.toString(),
                "--provider-config", config.toString(), "--out", dir.resolve("out").toString(),
                "--ledger", dir.resolve("ledger.jsonl").toString(), option, value);

        assertThat(run.exit()).as(run.err()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains(message);
        assertThat(server.getRequestCount()).isZero();
        assertThat(dir.resolve("out/audit.jsonl")).doesNotExist();
    }
}
