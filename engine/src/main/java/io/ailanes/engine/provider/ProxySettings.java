package io.ailanes.engine.provider;

import io.ailanes.engine.redact.SecretRedactor;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;

/**
 * How provider calls reach the network: a {@link ProxySelector} that picks an HTTP proxy (or none) for each
 * provider URL, and the user name and password of each proxy that asks for them. The credentials are offered
 * only to the proxy they belong to (host and port), never to a provider that asks for authentication, and they
 * never print: {@link #toString()} names the proxies only.
 */
public final class ProxySettings {

    /**
     * The JVM's default selector (the {@code http.proxyHost}/{@code https.proxyHost} system properties, direct
     * without them): what provider calls did before proxies were configurable.
     */
    public static final ProxySettings SYSTEM = new ProxySettings(null, List.of());

    private final ProxySelector selector;
    private final List<Credentials> credentials;

    private ProxySettings(ProxySelector selector, List<Credentials> credentials) {
        this.selector = selector;
        this.credentials = List.copyOf(credentials);
    }

    /** Calls go where {@code selector} says; only HTTP proxies are used (SOCKS entries count as direct). */
    public static ProxySettings of(ProxySelector selector) {
        return new ProxySettings(Objects.requireNonNull(selector, "selector"), List.of());
    }

    /**
     * These settings, answering the proxy at {@code host:port} with a user name and password when it asks
     * (HTTP 407). A blank user name adds nothing.
     */
    public ProxySettings withCredentials(String host, int port, String username, String password) {
        return withCredentials(host, port, username, password, password);
    }

    /** @param written the password as it was written (%-encoded in a proxy URL): a secret value too */
    ProxySettings withCredentials(String host, int port, String username, String password, String written) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("proxy port must be between 1 and 65535, was " + port);
        }
        if (username == null || username.isBlank()) {
            return this;
        }
        List<Credentials> all = new ArrayList<>(credentials);
        String secret = password == null ? "" : password;
        all.add(new Credentials(host.toLowerCase(Locale.ROOT), port, username, secret, written == null ? secret : written));
        return new ProxySettings(selector, all);
    }

    /** The selector, or null for the JVM's default. */
    public ProxySelector selector() {
        return selector;
    }

    /** Whether a user name and password are held for some proxy. */
    public boolean hasCredentials() {
        return !credentials.isEmpty();
    }

    /**
     * The values to redact, and to keep out of gate environments: each password (also as written in a proxy URL,
     * when %-encoded), and the Basic token built from it, which a proxy that echoes the {@code Proxy-Authorization}
     * header would show. User names are left out: they are identities rather than secrets, and masking a common word
     * in every prompt would damage the prompts.
     */
    public List<String> secretValues() {
        List<String> values = new ArrayList<>();
        for (Credentials c : credentials) {
            if (!c.password.isEmpty()) {
                values.add(c.password);
                if (!c.written.equals(c.password)) {
                    values.add(c.written);
                }
                values.add(Base64.getEncoder().encodeToString(
                        (c.username + ":" + c.password).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return values;
    }

    /** Routes each request as the selector says (null: the JVM's default selector, looked up per request). */
    HttpRoutePlanner routePlanner() {
        return new SystemDefaultRoutePlanner(selector);
    }

    /** The proxies' credentials, each scoped to its proxy; null when there are none (the client's default). */
    CredentialsProvider credentialsProvider() {
        if (credentials.isEmpty()) {
            return null;
        }
        BasicCredentialsProvider provider = new BasicCredentialsProvider();
        for (Credentials c : credentials) {
            provider.setCredentials(new AuthScope(c.host, c.port),
                    new UsernamePasswordCredentials(c.username, c.password.toCharArray()));
        }
        return provider;
    }

    @Override
    public String toString() {
        String via = selector == null ? "system default" : selector.toString();
        if (credentials.isEmpty()) {
            return "ProxySettings[" + via + "]";
        }
        return "ProxySettings[" + via + ", credentials for "
                + credentials.stream().map(c -> c.host + ":" + c.port).toList() + "]";
    }

    /** One proxy's user name and password; it never prints them. */
    private static final class Credentials {
        final String host;
        final int port;
        final String username;
        final String password;
        final String written;

        Credentials(String host, int port, String username, String password, String written) {
            this.host = host;
            this.port = port;
            this.username = username;
            this.password = password;
            this.written = written;
        }

        @Override
        public String toString() {
            return host + ":" + port + " " + SecretRedactor.MASK;
        }
    }
}
