package io.ailanes.engine.testing;

import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.Providers;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer on loopback for one test, and optionally the provider client pointed at it: started before
 * the test (and before the class's own {@code @BeforeEach}), closed after it in reverse order of opening (what
 * the test registered with {@link #closeAfter}, then the provider, then the server). Register it as an
 * instance field so each test gets its own server:
 *
 * <pre>{@code
 * @RegisterExtension
 * final LoopbackServer loopback = LoopbackServer.withProvider(server -> ProviderConfig.of(...));
 * private final MockWebServer server = loopback.server();
 * }</pre>
 *
 * A MockWebServer cannot be started twice, so the extension is for the default per-method test lifecycle.
 */
public final class LoopbackServer implements BeforeEachCallback, AfterEachCallback {

    private final MockWebServer server = new MockWebServer();
    private final Function<MockWebServer, ProviderConfig> initial;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private ProviderConfig config;
    private ChatProvider provider;

    private LoopbackServer(Function<MockWebServer, ProviderConfig> initial) {
        this.initial = initial;
    }

    /** A server only: the test opens its own clients (an {@code AiRun}, a CLI process) against it. */
    public static LoopbackServer started() {
        return new LoopbackServer(null);
    }

    /** A server and a provider client made from {@code config} once the server has its port. */
    public static LoopbackServer withProvider(Function<MockWebServer, ProviderConfig> config) {
        return new LoopbackServer(config);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server.start();
        if (initial != null) {
            use(initial.apply(server));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        server.close();
        if (first != null) {
            throw first;
        }
    }

    public MockWebServer server() {
        return server;
    }

    /** {@code path} on this server, e.g. {@code url("/v1")}. */
    public String url(String path) {
        return server.url(path).toString();
    }

    /** The provider client of the current configuration. */
    public ChatProvider provider() {
        if (provider == null) {
            throw new IllegalStateException("this LoopbackServer was made without a provider configuration"
                    + " (use LoopbackServer.withProvider)");
        }
        return provider;
    }

    public ProviderConfig config() {
        return config;
    }

    /** Closes the current provider client and opens one with the configuration {@code change} makes of it. */
    public ChatProvider reconfigure(UnaryOperator<ProviderConfig> change) {
        provider();
        return use(change.apply(config));
    }

    /** Closes the current provider client, if any, and opens one with {@code next}. */
    public ChatProvider use(ProviderConfig next) {
        if (provider != null) {
            opened.remove(provider);
            provider.close();
        }
        config = next;
        provider = closeAfter(Providers.create(next));
        return provider;
    }

    /** Closes {@code resource} after the test, before what was opened earlier and before the server. */
    public <T extends AutoCloseable> T closeAfter(T resource) {
        opened.push(resource);
        return resource;
    }
}
