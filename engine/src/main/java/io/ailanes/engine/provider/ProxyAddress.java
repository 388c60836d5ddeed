package io.ailanes.engine.provider;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A proxy from an environment variable, {@code [http://][user:password@]host[:port]}, read as curl reads it: where
 * it is (port {@value #DEFAULT_PORT} when left out), and who to say we are (user and password %-decoded as UTF-8).
 * Messages about a malformed value name the variable, never the value, which may hold a password.
 */
final class ProxyAddress {

    /** curl's port for a proxy given without one. */
    static final int DEFAULT_PORT = 1080;

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    final String variable;
    final String host;
    final int port;
    final String username;
    final String password;
    /** The password as the variable spells it (%-encoded): a program that prints the variable shows this. */
    final String writtenPassword;

    private ProxyAddress(String variable, String host, int port, String username, String password,
            String writtenPassword) {
        this.variable = variable;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.writtenPassword = writtenPassword;
    }

    static ProxyAddress parse(String variable, String value) {
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
            if (!HostLiterals.IPV6_CHARS.matcher(host).matches()) {
                throw new IllegalArgumentException(variable + ": the proxy host is not a valid IPv6 address");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException(variable + ": no proxy host; give it as http://host:port");
            }
            if (!HostLiterals.HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException(variable + ": the proxy host is not a valid host name;"
                        + " %-encode special characters in the user name and password");
            }
        }
        return new ProxyAddress(variable, host.toLowerCase(Locale.ROOT), port(variable, port), username, password,
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
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
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
