package io.ailanes.engine.provider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy environment variables, read the way curl reads them, as a proxy selector. {@code https_proxy}/
 * {@code HTTPS_PROXY} serve https URLs and {@code http_proxy}/{@code HTTP_PROXY} http URLs, with
 * {@code all_proxy}/{@code ALL_PROXY} as the fallback for both and the lower-case name first; a variable set to
 * an empty value counts as unset. Each proxy is a {@link ProxyAddress} ({@code [http://][user:password@]host[:port]},
 * port 1080 when left out); {@code no_proxy}/{@code NO_PROXY} are {@link NoProxyRules} (domains, IP addresses and
 * CIDR ranges reached directly).
 *
 * <p>Messages about a malformed variable name the variable, never its value, which may hold a password.
 */
public final class EnvironmentProxies extends ProxySelector {

    private final ProxyAddress https;
    private final ProxyAddress http;
    private final NoProxyRules noProxy;

    private EnvironmentProxies(ProxyAddress https, ProxyAddress http, NoProxyRules noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    /**
     * The proxy settings the environment describes, with the proxies' credentials. Without any proxy variable,
     * {@link ProxySettings#SYSTEM}: nothing changes for a JVM started with {@code -Dhttps.proxyHost}.
     *
     * @throws IllegalArgumentException when a proxy variable is not a usable proxy URL
     */
    public static ProxySettings settings(Map<String, String> environment) {
        EnvironmentProxies selector = of(environment);
        if (selector.https == null && selector.http == null) {
            return ProxySettings.SYSTEM;
        }
        ProxySettings settings = ProxySettings.of(selector);
        // https last: when both name one proxy with different credentials, the https one is used.
        for (ProxyAddress address : new ProxyAddress[] {selector.http, selector.https}) {
            if (address != null && address.username != null) {
                settings = settings.withCredentials(address.host, address.port, address.username, address.password,
                        address.writtenPassword);
            }
        }
        return settings;
    }

    /** The selector alone (no credentials). */
    static EnvironmentProxies of(Map<String, String> environment) {
        Variable noProxy = variable(environment, "no_proxy", "NO_PROXY");
        return new EnvironmentProxies(
                address(environment, "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"),
                address(environment, "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"),
                NoProxyRules.parse(noProxy == null ? null : noProxy.value()));
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("uri must not be null");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        ProxyAddress proxy = switch (scheme) {
            case "https" -> https;
            case "http" -> http;
            default -> null;
        };
        if (proxy == null || uri.getHost() == null || noProxy.matches(uri.getHost())) {
            return List.of(Proxy.NO_PROXY);
        }
        // Unresolved: the connection resolves the proxy's name when it connects, not the selector.
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host, proxy.port)));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // No fallback to remember: the environment names one proxy per scheme.
    }

    @Override
    public String toString() {
        return "environment[https: " + (https == null ? "direct" : https) + ", http: "
                + (http == null ? "direct" : http) + noProxy + "]";
    }

    /** The first of the names that is set and not blank, or null; curl also treats an empty value as unset. */
    private static Variable variable(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return new Variable(name, value.strip());
            }
        }
        return null;
    }

    private static ProxyAddress address(Map<String, String> environment, String... names) {
        Variable found = variable(environment, names);
        return found == null ? null : ProxyAddress.parse(found.name(), found.value());
    }

    private record Variable(String name, String value) {
        @Override
        public String toString() {
            return name; // the value may hold a password
        }
    }
}
