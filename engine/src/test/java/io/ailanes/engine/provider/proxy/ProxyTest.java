package io.ailanes.engine.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderException;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.RetryPolicy;
import io.ailanes.engine.provider.Timeouts;
import io.ailanes.engine.provider.http.Providers;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provider calls through a real HTTP proxy on loopback: a MockWebServer receives what a proxy receives (absolute-form
 * request lines for http URLs, CONNECT for https), so the tests see the target, the proxy credentials and the
 * bypass exactly as a corporate proxy would.
 */
class ProxyTest {

    private static final String KEY = "sk-proxytest-LEAKCHECK-0011223344";
    private static final String USER = "build-bot";
    private static final String PASSWORD = "p@ss:w0rd/LEAKCHECK";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    /** A host that cannot resolve: a call that reaches it went through the proxy. */
    private static final String TARGET = "http://provider.invalid/v1";
    private static final String OK = Responses.chatCompletion("gpt-4o", "via proxy", 5, 2);

    @RegisterExtension
    final LoopbackServer proxyLoopback = LoopbackServer.started();
    @RegisterExtension
    final LoopbackServer targetLoopback = LoopbackServer.started();
    private final MockWebServer proxy = proxyLoopback.server();
    private final MockWebServer target = targetLoopback.server();
    private final RecordingListener listener = new RecordingListener();

    private Map<String, String> environment(String... pairs) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private String proxyUrl(boolean withCredentials) {
        String userInfo = withCredentials ? USER + ":" + PASSWORD.replace("@", "%40").replace(":", "%3A")
                .replace("/", "%2F") + "@" : "";
        return "http://" + userInfo + "127.0.0.1:" + proxy.getPort();
    }

    private ChatProvider provider(String baseUrl, ProxySettings settings) {
        // Short timeouts: a call that misses its server fails fast instead of waiting for the default two minutes.
        return proxyLoopback.closeAfter(Providers.create(ProviderConfig.of("openai", ProviderKind.OPENAI, baseUrl, ApiKey.of(KEY))
                .withRetry(RetryPolicy.NONE)
                .withTimeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
                        Duration.ofSeconds(10))), settings));
    }

    private static ChatRequest request() {
        return ChatRequest.builder("gpt-4o").user("Hi").build();
    }

    @Test
    void anHttpUrlGoesThroughTheProxyWithItsAbsoluteTarget() throws Exception {
        proxy.enqueue(Responses.json(200, OK));

        ChatResponse response = provider(TARGET, EnvironmentProxies.settings(environment("http_proxy", proxyUrl(false))))
                .chat(request(), listener, Cancellation.none());

        assertThat(response.text()).isEqualTo("via proxy");
        RecordedRequest seen = proxy.takeRequest();
        assertThat(seen.getMethod()).isEqualTo("POST");
        assertThat(seen.getTarget()).isEqualTo("http://provider.invalid/v1/chat/completions");
        assertThat(seen.getHeaders().get("Host")).isEqualTo("provider.invalid");
        assertThat(seen.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(seen.getHeaders().get("Proxy-Authorization")).isNull();
    }

    @Test
    void noProxyHostsAreCalledDirectly() throws Exception {
        target.enqueue(Responses.json(200, OK));
        String direct = "http://localhost:" + target.getPort() + "/v1";

        provider(direct, EnvironmentProxies.settings(environment(
                "HTTP_PROXY", proxyUrl(false), "NO_PROXY", "example.com, .localhost")))
                .chat(request(), listener, Cancellation.none());

        assertThat(target.takeRequest().getTarget()).isEqualTo("/v1/chat/completions");
        assertThat(proxy.getRequestCount()).isZero();
    }

    @Test
    void theSameHostWithoutNoProxyGoesThroughTheProxy() throws Exception {
        proxy.enqueue(Responses.json(200, OK));
        String direct = "http://localhost:" + target.getPort() + "/v1";

        provider(direct, EnvironmentProxies.settings(environment("HTTP_PROXY", proxyUrl(false), "NO_PROXY", "example.com")))
                .chat(request(), listener, Cancellation.none());

        assertThat(proxy.takeRequest().getTarget()).isEqualTo(direct + "/chat/completions");
        assertThat(target.getRequestCount()).isZero();
    }

    @Test
    void aProxyChallengeIsAnsweredWithTheConfiguredCredentials() throws Exception {
        proxy.enqueue(challenge());
        proxy.enqueue(Responses.json(200, OK));

        ChatResponse response = provider(TARGET, EnvironmentProxies.settings(environment("http_proxy", proxyUrl(true))))
                .chat(request(), listener, Cancellation.none());

        assertThat(response.text()).isEqualTo("via proxy");
        RecordedRequest first = proxy.takeRequest();
        RecordedRequest second = proxy.takeRequest();
        assertThat(first.getHeaders().get("Proxy-Authorization")).isNull();
        assertThat(second.getTarget()).isEqualTo("http://provider.invalid/v1/chat/completions");
        assertThat(second.getHeaders().get("Proxy-Authorization")).isEqualTo(BASIC);
        assertThat(second.getBody().utf8()).contains("\"Hi\"");
        // One attempt: the challenge is part of the exchange, not a failure the engine retries.
        assertThat(listener.attempts).hasSize(1);
    }

    @Test
    void proxyCredentialsAreNotOfferedToTheProvider() throws Exception {
        // A provider that asks for Basic authentication gets nothing: the credentials belong to the proxy.
        proxy.enqueue(new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Basic realm=\"api\"")
                .setHeader("Content-Type", "application/json").body("{\"error\":{\"message\":\"bad key\"}}").build());

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(TARGET, EnvironmentProxies.settings(environment("http_proxy", proxyUrl(true))))
                        .chat(request(), listener, Cancellation.none()));

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(proxy.getRequestCount()).isEqualTo(1);
        RecordedRequest seen = proxy.takeRequest();
        assertThat(seen.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(seen.getHeaders().get("Proxy-Authorization")).isNull();
    }

    @Test
    void rejectedProxyCredentialsEndTheCallWithoutShowingThem() throws Exception {
        // This proxy echoes the header it rejects, as some do; neither the password nor its Basic token may show.
        proxy.enqueue(challenge());
        proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
                .setHeader("Content-Type", "text/plain")
                .body("denied: Proxy-Authorization: " + BASIC + " (password " + PASSWORD + ")").build());

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(TARGET, EnvironmentProxies.settings(environment("http_proxy", proxyUrl(true))))
                        .chat(request(), listener, Cancellation.none()));

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("HTTP 407 authentication failed: denied: Proxy-Authorization: Basic ****")
                .contains("(password ****)");
        assertNoCredential(e.getMessage());
        assertNoCredential(e.providerMessage());
        listener.attempts.forEach(attempt -> assertNoCredential(String.valueOf(attempt.error())));
        assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isNull();
        assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isEqualTo(BASIC);
    }

    @Test
    void anHttpsUrlOpensATunnelThroughTheProxyAndAuthenticatesIt() throws Exception {
        // The tunnel is refused after authenticating, so the test needs no TLS: what matters is the CONNECT.
        proxy.enqueue(challenge());
        proxy.enqueue(Responses.html(403, "<html><head><title>Tunnel forbidden by policy</title></head></html>"));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider("https://api.provider.invalid/v1",
                        EnvironmentProxies.settings(environment("HTTPS_PROXY", proxyUrl(true))))
                        .chat(request(), listener, Cancellation.none()));

        assertThat(e.getMessage()).contains("HTTP 403").contains("Tunnel forbidden by policy");
        RecordedRequest first = proxy.takeRequest();
        RecordedRequest second = proxy.takeRequest();
        assertThat(first.getMethod()).isEqualTo("CONNECT");
        assertThat(first.getTarget()).isEqualTo("api.provider.invalid:443");
        assertThat(second.getMethod()).isEqualTo("CONNECT");
        assertThat(second.getHeaders().get("Proxy-Authorization")).isEqualTo(BASIC);
        // The key is for the provider, inside the tunnel: the proxy never sees it.
        assertThat(first.getHeaders().get("Authorization")).isNull();
        assertThat(second.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void withoutProxyVariablesCallsStayDirect() throws Exception {
        target.enqueue(Responses.json(200, OK));

        provider("http://127.0.0.1:" + target.getPort() + "/v1", EnvironmentProxies.settings(environment("NO_PROXY", "*")))
                .chat(request(), listener, Cancellation.none());

        assertThat(target.getRequestCount()).isEqualTo(1);
        assertThat(proxy.getRequestCount()).isZero();
    }

    @Test
    void anUnreachableProxyIsNamedInTheError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider("https://api.provider.invalid/v1", EnvironmentProxies.settings(environment(
                        "HTTPS_PROXY", "http://" + USER + ":secret-pass-123@127.0.0.1:" + closedPort)))
                        .chat(request(), listener, Cancellation.none()));

        assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(e.getMessage()).contains("Connect to http://127.0.0.1:" + closedPort + " ")
                .doesNotContain("secret-pass-123").doesNotContain("provider.invalid");
    }

    private static MockResponse challenge() {
        return new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
                .setHeader("Content-Type", "text/html").body("<html><title>Proxy Authentication Required</title></html>")
                .build();
    }

    private static void assertNoCredential(String text) {
        assertThat(text).doesNotContain(PASSWORD).doesNotContain(BASIC.substring("Basic ".length()))
                .doesNotContain(PASSWORD.substring(0, 8));
    }
}
