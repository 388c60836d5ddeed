package io.ailanes.jenkins.run;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.ailanes.engine.provider.proxy.ProxySettings;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;

/**
 * Jenkins' HTTP proxy (Manage Jenkins » System » HTTP Proxy Configuration) as the engine's {@link ProxySettings}:
 * provider calls go through it unless the provider's host matches one of its "No Proxy Host" patterns, and its
 * user name and password answer the proxy's challenge (and only the proxy's). Without a configured proxy, calls
 * use the JVM's default selector, as before.
 */
public final class JenkinsProxy {

    private JenkinsProxy() {}

    /** The proxy as configured now; a run keeps what it was given when it opened. */
    public static ProxySettings settings() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null || proxy.getName() == null) {
            return ProxySettings.SYSTEM;
        }
        ProxySettings settings = ProxySettings.of(new Selector(proxy.getName(), proxy.getPort(), proxy.getNoProxyHost()));
        if (proxy.getUserName() != null) {
            settings = settings.withCredentials(proxy.getName(), proxy.getPort(), proxy.getUserName(),
                    Secret.toString(proxy.getSecretPassword()));
        }
        return settings;
    }

    /** Jenkins' own rule: http and https through the proxy, except the no-proxy hosts. */
    private static final class Selector extends ProxySelector {
        private final String name;
        private final int port;
        private final String noProxyHost;

        Selector(String name, int port, String noProxyHost) {
            this.name = name;
            this.port = port;
            this.noProxyHost = noProxyHost;
        }

        @Override
        public List<Proxy> select(URI uri) {
            if (uri == null) {
                throw new IllegalArgumentException("uri must not be null");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return List.of(Proxy.NO_PROXY);
            }
            // The patterns are matched case-sensitively, so the host goes in lower case (as Jenkins' own selector).
            return List.of(ProxyConfiguration.createProxy(host.toLowerCase(Locale.ROOT), name, port, noProxyHost));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            // One proxy: there is no other to try.
        }

        @Override
        public String toString() {
            return "Jenkins proxy " + name + ":" + port;
        }
    }
}
