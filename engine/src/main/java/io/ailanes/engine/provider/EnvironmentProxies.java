package io.ailanes.engine.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The proxy environment variables, read the way curl reads them. {@code https_proxy}/{@code HTTPS_PROXY} serve
 * https URLs and {@code http_proxy}/{@code HTTP_PROXY} http URLs, with {@code all_proxy}/{@code ALL_PROXY} as the
 * fallback for both and the lower-case name first. A proxy is {@code [http://][user:password@]host[:port]}
 * (port 1080 when left out, as in curl; user and password %-decoded). {@code no_proxy}/{@code NO_PROXY} lists
 * hosts reached directly, separated by commas or spaces: {@code *} for all, a domain that also covers its
 * subdomains (with or without a leading {@code .} or {@code *.}), or an IP address or CIDR range, which matches
 * only URLs written with an IP address (nothing is looked up); a port in an entry is ignored.
 *
 * <p>Messages about a malformed variable name the variable, never its value, which may hold a password.
 */
public final class EnvironmentProxies extends ProxySelector {

    /** curl's port for a proxy given without one. */
    static final int DEFAULT_PORT = 1080;

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Address https;
    private final Address http;
    private final NoProxy noProxy;

    private EnvironmentProxies(Address https, Address http, NoProxy noProxy) {
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
        for (Address address : new Address[] {selector.http, selector.https}) {
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
                NoProxy.parse(noProxy == null ? null : noProxy.value()));
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("uri must not be null");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Address proxy = switch (scheme) {
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

    private static Address address(Map<String, String> environment, String... names) {
        Variable found = variable(environment, names);
        return found == null ? null : Address.parse(found.name(), found.value());
    }

    private record Variable(String name, String value) {
        @Override
        public String toString() {
            return name; // the value may hold a password
        }
    }

    /** A proxy from a variable: where it is, and who to say we are. */
    static final class Address {
        final String variable;
        final String host;
        final int port;
        final String username;
        final String password;
        /** The password as the variable spells it (%-encoded): a program that prints the variable shows this. */
        final String writtenPassword;

        private Address(String variable, String host, int port, String username, String password,
                String writtenPassword) {
            this.variable = variable;
            this.host = host;
            this.port = port;
            this.username = username;
            this.password = password;
            this.writtenPassword = writtenPassword;
        }

        static Address parse(String variable, String value) {
            String rest = value;
            var scheme = SCHEME.matcher(rest);
            if (scheme.find()) {
                String name = scheme.group(1).toLowerCase(Locale.ROOT);
                if (name.equals("https")) {
                    throw new IllegalArgumentException(variable + ": a proxy reached over TLS (https://) is not"
                            + " supported; give the proxy as http://host:port (https URLs still go through it"
                            + " encrypted, by CONNECT)");
                }
                if (!name.equals("http")) {
                    throw new IllegalArgumentException(variable + ": proxy scheme '" + name + "' is not supported;"
                            + " give an HTTP proxy as http://host:port");
                }
                rest = rest.substring(scheme.end());
            }
            // The last '@' ends the credentials: a host has none, a password may (unencoded).
            String username = null;
            String password = null;
            String written = null;
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = rest.substring(0, at);
                rest = rest.substring(at + 1);
                int colon = userInfo.indexOf(':');
                username = decode(variable, colon < 0 ? userInfo : userInfo.substring(0, colon));
                written = colon < 0 ? "" : userInfo.substring(colon + 1);
                password = decode(variable, written);
                if (username.isEmpty()) {
                    username = null;
                    password = null;
                    written = null;
                }
            }
            int end = 0;
            while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
                end++;
            }
            String authority = rest.substring(0, end);
            String host;
            String port = null;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException(variable + ": the proxy's IPv6 address lacks its closing ']'");
                }
                host = authority.substring(1, close);
                String after = authority.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw new IllegalArgumentException(variable + ": expected ':port' after the proxy's IPv6 address");
                    }
                    port = after.substring(1);
                }
                if (!IPV6_CHARS.matcher(host).matches()) {
                    throw new IllegalArgumentException(variable + ": the proxy host is not a valid IPv6 address");
                }
            } else {
                int colon = authority.lastIndexOf(':');
                host = colon < 0 ? authority : authority.substring(0, colon);
                port = colon < 0 ? null : authority.substring(colon + 1);
                if (host.isEmpty()) {
                    throw new IllegalArgumentException(variable + ": no proxy host; give it as http://host:port");
                }
                if (!HOST_NAME.matcher(host).matches()) {
                    throw new IllegalArgumentException(variable + ": the proxy host is not a valid host name;"
                            + " %-encode special characters in the user name and password");
                }
            }
            return new Address(variable, host.toLowerCase(Locale.ROOT), port(variable, port), username, password,
                    written);
        }

        private static int port(String variable, String text) {
            if (text == null || text.isEmpty()) {
                return DEFAULT_PORT;
            }
            if (text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int port = Integer.parseInt(text);
                if (port >= 1 && port <= 65_535) {
                    return port;
                }
            }
            throw new IllegalArgumentException(variable + ": the proxy port is not a number from 1 to 65535");
        }

        /** %-decodes (UTF-8); '+' stays a plus, as in any URL part but a form's query. */
        private static String decode(String variable, String text) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '%') {
                    int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                    int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                    if (low < 0) {
                        throw new IllegalArgumentException(variable + ": the proxy user name or password has a '%'"
                                + " that is not followed by two hex digits; write a literal '%' as %25");
                    }
                    bytes.write(high * 16 + low);
                    i += 2;
                } else {
                    byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                        utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                        i++;
                    }
                    bytes.write(utf8, 0, utf8.length);
                }
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(variable + ": the proxy user name or password does not decode"
                        + " as UTF-8");
            }
        }

        @Override
        public String toString() {
            // Where, and from which variable; never who or with what password.
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + " (" + variable + ")";
        }
    }

    /** The hosts that are reached directly. */
    static final class NoProxy {
        private static final NoProxy NONE = new NoProxy(false, List.of(), List.of());

        private final boolean all;
        private final List<String> domains;
        private final List<Network> networks;

        private NoProxy(boolean all, List<String> domains, List<Network> networks) {
            this.all = all;
            this.domains = List.copyOf(domains);
            this.networks = List.copyOf(networks);
        }

        static NoProxy parse(String value) {
            if (value == null) {
                return NONE;
            }
            boolean all = false;
            List<String> domains = new ArrayList<>();
            List<Network> networks = new ArrayList<>();
            for (String raw : value.split("[,\\s]+")) {
                String entry = raw.toLowerCase(Locale.ROOT);
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.equals("*")) {
                    all = true;
                    continue;
                }
                Network network = Network.parse(entry);
                if (network != null) {
                    networks.add(network);
                    continue;
                }
                String domain = withoutPort(entry);
                while (domain.startsWith("*.") || domain.startsWith(".")) {
                    domain = domain.substring(domain.startsWith("*.") ? 2 : 1);
                }
                domain = withoutTrailingDot(domain);
                // What is left is a host name, or an entry nothing can match (ignored, as curl does).
                if (HOST_NAME.matcher(domain).matches()) {
                    domains.add(domain);
                }
            }
            return new NoProxy(all, domains, networks);
        }

        boolean matches(String uriHost) {
            if (all) {
                return true;
            }
            String host = uriHost.toLowerCase(Locale.ROOT);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            host = withoutTrailingDot(host);
            byte[] address = ipLiteral(host);
            if (address != null) {
                for (Network network : networks) {
                    if (network.contains(address)) {
                        return true;
                    }
                }
                return false;
            }
            for (String domain : domains) {
                if (host.equals(domain) || host.endsWith("." + domain)) {
                    return true;
                }
            }
            return false;
        }

        private static String withoutPort(String entry) {
            int colon = entry.indexOf(':');
            return colon >= 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
        }

        private static String withoutTrailingDot(String host) {
            return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        }

        @Override
        public String toString() {
            if (all) {
                return ", no proxy for any host";
            }
            if (domains.isEmpty() && networks.isEmpty()) {
                return "";
            }
            List<String> entries = new ArrayList<>(domains);
            networks.forEach(network -> entries.add(network.toString()));
            return ", no proxy for " + entries;
        }
    }

    /** An IP address or CIDR range from NO_PROXY. */
    private static final class Network {
        private final byte[] address;
        private final int prefix;
        private final String text;

        private Network(byte[] address, int prefix, String text) {
            this.address = address;
            this.prefix = prefix;
            this.text = text;
        }

        /** The entry as an address or range, or null when it is not one. */
        static Network parse(String entry) {
            String text = entry;
            if (text.startsWith("[")) {
                // [::1] or [::1]:8080: the brackets hold the address, a port after them is ignored.
                int close = text.indexOf(']');
                if (close < 0) {
                    return null;
                }
                String rest = text.substring(close + 1);
                text = text.substring(1, close) + (rest.startsWith("/") ? rest : "");
            }
            String addressText = text;
            Integer prefix = null;
            int slash = text.indexOf('/');
            if (slash >= 0) {
                addressText = text.substring(0, slash);
                String bits = text.substring(slash + 1);
                if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
                prefix = Integer.parseInt(bits);
            } else if (addressText.indexOf(':') >= 0 && addressText.indexOf(':') == addressText.lastIndexOf(':')) {
                addressText = addressText.substring(0, addressText.indexOf(':')); // 10.0.0.1:8080
            }
            byte[] address = ipLiteral(addressText);
            if (address == null) {
                return null;
            }
            int bitsInAddress = address.length * 8;
            if (prefix != null && prefix > bitsInAddress) {
                return null;
            }
            return new Network(address, prefix == null ? bitsInAddress : prefix, text);
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (address[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else; never a name lookup. */
    static byte[] ipLiteral(String text) {
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (!IPV6_CHARS.matcher(text).matches()) {
            return null;
        }
        try {
            // With a ':' in it, getByName parses the text as an IPv6 literal and never asks DNS.
            byte[] bytes = InetAddress.getByName(text).getAddress();
            return bytes.length == 16 ? bytes : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
