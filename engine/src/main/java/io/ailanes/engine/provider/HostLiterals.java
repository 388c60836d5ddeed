package io.ailanes.engine.provider;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Host names and IP address literals as proxy URLs and NO_PROXY entries write them. */
final class HostLiterals {

    /** A host name (what a proxy host or a NO_PROXY domain must be). */
    static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    /** The characters of an IPv6 literal, at least one ':' among them. */
    static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private HostLiterals() {}

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
