package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.Responses;
import io.ailanes.engine.testing.Sse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI behind a proxy named by the environment, as curl reads it; a MockWebServer on loopback is the proxy. */
class ProxyEnvironmentTest {

    private static final String KEY = "sk-cli-proxy-LEAKCHECK-123456";
    private static final String PASSWORD = "s3cret:pass@LEAKCHECK";
    private static final String TOKEN = Base64.getEncoder()
            .encodeToString(("bot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer proxyLoopback = LoopbackServer.started();
    @RegisterExtension
    final LoopbackServer providerLoopback = LoopbackServer.started();
    private final MockWebServer proxy = proxyLoopback.server();
    private final MockWebServer provider = providerLoopback.server();

    private record Run(int exit, String out, String err) {}

    private String proxyUrl() {
        return "http://bot:" + PASSWORD.replace(":", "%3A").replace("@", "%40") + "@127.0.0.1:" + proxy.getPort();
    }

    private Run call(String baseUrl, String... environment) throws Exception {
        Path file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, "providers:\n  - id: openai\n    kind: openai\n    baseUrl: " + baseUrl
                + "\n    credentialsId: AI_LANES_TEST_KEY\n    retry: {maxAttempts: 1}\n"
                + "    timeouts: {firstByte: 5s, total: 10s}\n");
        Map<String, String> env = new HashMap<>(Map.of("AI_LANES_TEST_KEY", KEY));
        for (int i = 0; i < environment.length; i += 2) {
            env.put(environment[i], environment[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("call", "--provider-config", file.toString(), "--model", "openai/gpt-5",
                "--out", dir.resolve("out").toString(), "--ledger", dir.resolve("ledger.jsonl").toString(), "Hi"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AiLanes.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), env);
        Run run = new Run(exit, out.toString(), err.toString());
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD).doesNotContain(TOKEN).doesNotContain(KEY);
        return run;
    }

    private void assertNoSecretWritten() throws Exception {
        for (String file : List.of("audit.jsonl", "cost.json", "report.html")) {
            assertThat(Files.readString(dir.resolve("out").resolve(file))).as(file)
                    .doesNotContain(PASSWORD).doesNotContain(TOKEN).doesNotContain(KEY);
        }
    }

    private static MockResponse challenge(String body) {
        return new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
                .setHeader("Content-Type", "text/plain").body(body).build();
    }

    @Test
    void httpProxyWithCredentialsCarriesTheCall() throws Exception {
        proxy.enqueue(challenge("Proxy Authentication Required"));
        proxy.enqueue(Responses.sse(Sse.complete("through the proxy")));

        Run run = call("http://provider.invalid/v1", "HTTP_PROXY", proxyUrl());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("through the proxy");
        proxy.takeRequest();
        RecordedRequest answered = proxy.takeRequest();
        assertThat(answered.getTarget()).isEqualTo("http://provider.invalid/v1/chat/completions");
        assertThat(answered.getHeaders().get("Proxy-Authorization")).isEqualTo("Basic " + TOKEN);
        assertNoSecretWritten();
    }

    @Test
    void noProxyHostsAreCalledDirectly() throws Exception {
        provider.enqueue(Responses.sse(Sse.complete("direct")));

        Run run = call("http://localhost:" + provider.getPort() + "/v1",
                "http_proxy", proxyUrl(), "no_proxy", "127.0.0.1,localhost");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("direct");
        assertThat(provider.getRequestCount()).isEqualTo(1);
        assertThat(proxy.getRequestCount()).isZero();
    }

    @Test
    void rejectedProxyCredentialsAreAProviderErrorThatShowsNoSecret() throws Exception {
        proxy.enqueue(challenge("Proxy Authentication Required"));
        proxy.enqueue(challenge("Rejected Proxy-Authorization: Basic " + TOKEN + " for password " + PASSWORD));

        Run run = call("http://provider.invalid/v1", "HTTP_PROXY", proxyUrl());

        assertThat(run.exit()).isEqualTo(AiLanes.PROVIDER);
        assertThat(run.err()).contains("HTTP 407 authentication failed: Rejected Proxy-Authorization: Basic ****");
        assertNoSecretWritten();
    }

    @Test
    void aMalformedProxyVariableIsAUsageErrorNamingTheVariableNotItsValue() throws Exception {
        Run run = call("http://provider.invalid/v1", "HTTPS_PROXY", "socks5://bot:" + PASSWORD + "@127.0.0.1:1080");

        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("ai-lanes: HTTPS_PROXY: proxy scheme 'socks5' is not supported");
        assertThat(proxy.getRequestCount()).isZero();
    }
}
