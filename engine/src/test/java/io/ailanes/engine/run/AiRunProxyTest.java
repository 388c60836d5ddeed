package io.ailanes.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.budget.InMemoryLedgerStore;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.lane.NoModelAvailableException;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.proxy.EnvironmentProxies;
import io.ailanes.engine.provider.proxy.ProxySettings;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.Responses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run whose provider calls go through an authenticating proxy: the proxy password is one of the run's secrets. */
class AiRunProxyTest {

    private static final String PASSWORD = "corp-LEAKCHECK-proxy-pass";
    private static final String TOKEN = Base64.getEncoder()
            .encodeToString(("bot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String OK = Responses.chatCompletion("deepseek-chat", "done", 10, 2);

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.started();
    private final MockWebServer proxy = loopback.server();
    private final List<String> console = new ArrayList<>();

    private AiRun open() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers:\n  - id: deepseek\n    kind: openai\n    baseUrl: http://provider.invalid/v1\n"
                + "    retry: {maxAttempts: 1}\n"
                + "lanes:\n  - name: execution\n    models: [deepseek/deepseek-chat]\n");
        ProxySettings settings = EnvironmentProxies.settings(
                Map.of("http_proxy", "http://bot:" + PASSWORD + "@127.0.0.1:" + proxy.getPort()));
        return AiRun.open(ConfigLoader.read(config), config, name -> Optional.empty(),
                new AiRun.Options("job#1", "job", dir.resolve("out"), null, AuditMode.FULL, new InMemoryLedgerStore(),
                        console::add, Clock.systemUTC(), settings));
    }

    private static void call(AiRun run) {
        run.call("implement", "execution", ChatRequest.builder("x").user("The proxy password is " + PASSWORD)
                .maxOutputTokens(100).build(), 10, null, CallListener.NONE, Cancellation.none(), Map.of());
    }

    @Test
    void theRunCallsThroughTheProxyAndKeepsItsPasswordOutOfTheAudit() throws Exception {
        proxy.enqueue(challenge("<title>Proxy Authentication Required</title>"));
        proxy.enqueue(Responses.json(200, OK));
        try (AiRun run = open()) {
            assertThat(run.secretValues()).contains(PASSWORD, TOKEN);
            assertThat(run.options().proxy().toString()).doesNotContain(PASSWORD).doesNotContain("bot");
            call(run);
            run.writeReports("proxy run");
        }

        proxy.takeRequest();
        assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isEqualTo("Basic " + TOKEN);
        assertNoPasswordIn(dir.resolve("out"));
        // Full audit keeps the prompt text: redacted, so the password in it is masked there too.
        assertThat(Files.readString(dir.resolve("out/audit.jsonl"))).contains("The proxy password is ****");
    }

    @Test
    void aRejectingProxyEndsTheCallWithAMessageWithoutThePassword() throws Exception {
        proxy.enqueue(challenge("<title>Proxy Authentication Required</title>"));
        proxy.enqueue(challenge("<title>Denied: Proxy-Authorization Basic " + TOKEN + " password " + PASSWORD
                + "</title>"));
        try (AiRun run = open()) {
            assertThatThrownBy(() -> call(run))
                    .isInstanceOf(NoModelAvailableException.class)
                    .hasMessageContaining("HTTP 407 authentication failed: Denied: Proxy-Authorization Basic ****")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(TOKEN));
            run.writeReports("proxy run");
        }
        assertNoPasswordIn(dir.resolve("out"));
        assertThat(console).anyMatch(line -> line.contains("407"));
    }

    private void assertNoPasswordIn(Path out) throws Exception {
        for (String file : List.of("audit.jsonl", "cost.json", "report.html")) {
            assertThat(Files.readString(out.resolve(file))).as(file).doesNotContain(PASSWORD).doesNotContain(TOKEN);
        }
        assertThat(String.join("\n", console)).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    private static MockResponse challenge(String page) {
        return new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
                .setHeader("Content-Type", "text/html").body("<html><head>" + page + "</head></html>").build();
    }
}
