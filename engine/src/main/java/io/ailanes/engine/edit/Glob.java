package io.ailanes.engine.edit;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A path glob matched case-insensitively against normalised relative paths: {@code **} spans any number of
 * segments (so {@code **}{@code /x} also matches {@code x} at the root), {@code *} and {@code ?} stay within
 * one segment. Case-insensitive because Windows and macOS agents treat {@code JENKINSFILE} as
 * {@code Jenkinsfile}.
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;

    public Glob(String pattern) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("empty glob");
        }
        this.regex = Pattern.compile(toRegex(pattern), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Compiled globs by pattern: policies check every path against the same few patterns. */
    private static final Map<String, Glob> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_MAX = 4_096;

    /** The glob for a pattern, compiled once (the same as {@code new Glob(pattern)}). */
    public static Glob of(String pattern) {
        Glob cached = CACHE.get(Objects.requireNonNull(pattern, "pattern"));
        if (cached != null) {
            return cached;
        }
        Glob glob = new Glob(pattern);
        if (CACHE.size() >= CACHE_MAX) {
            CACHE.clear(); // patterns come from configuration and plans: a full cache means churn, not reuse
        }
        CACHE.put(pattern, glob);
        return glob;
    }

    public String pattern() {
        return pattern;
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** True when the pattern has wildcards; a plain path is compared as a whole. */
    public static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                re.append("(?:[^/]*/)*");
                i += 3;
            } else if (glob.startsWith("/**", i) && i + 3 == glob.length()) {
                re.append("(?:/.*)?");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                re.append(".*");
                i += 2;
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return re.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob g && g.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
