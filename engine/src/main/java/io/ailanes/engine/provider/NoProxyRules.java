package io.ailanes.engine.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts {@code no_proxy}/{@code NO_PROXY} says are reached directly, read as curl reads it: entries separated
 * by commas or spaces, {@code *} for all, a domain that also covers its subdomains (with or without a leading
 * {@code .} or {@code *.}), or an IP address or CIDR range, which matches only URLs written with an IP address
 * (nothing is looked up); a port in an entry is ignored, an entry nothing can match is ignored.
 */
final class NoProxyRules {

    private static final NoProxyRules NONE = new NoProxyRules(false, List.of(), List.of());

    private final boolean all;
    private final List<String> domains;
    private final List<Network> networks;

    private NoProxyRules(boolean all, List<String> domains, List<Network> networks) {
        this.all = all;
        this.domains = List.copyOf(domains);
        this.networks = List.copyOf(networks);
    }

    static NoProxyRules parse(String value) {
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
            if (HostLiterals.HOST_NAME.matcher(domain).matches()) {
                domains.add(domain);
            }
        }
        return new NoProxyRules(all, domains, networks);
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
        byte[] address = HostLiterals.ipLiteral(host);
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
            byte[] address = HostLiterals.ipLiteral(addressText);
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
}
