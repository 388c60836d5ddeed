package io.ailanes.engine.redact;

import io.ailanes.engine.provider.SecretRedactor;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text: first the known secret values (the keys and credentials in use, via
 * {@link SecretRedactor}, masked as {@value SecretRedactor#MASK} whether or not they look like a key), then
 * common key shapes, each masked as {@code [REDACTED:<kind>]}.
 *
 * <p>The patterns are best effort and deliberately conservative: text sent to a provider passes through
 * here, so masking ordinary code would damage the prompt. Assignments are masked only in env/ini/yaml/json
 * style (key at the start of a line, a literal value running to the end of it); {@code token = getToken();}
 * and {@code token: ${{ secrets.X }}} are left alone.
 *
 * <p>Running time is linear in the text length. Every pattern is a fixed prefix or keyword followed by
 * single character classes with greedy quantifiers, with no nested or adjacent overlapping quantifiers;
 * token patterns start with a negative look-behind on their own character class, so a match can start only
 * at the beginning of a run and each run is scanned a bounded number of times. Private key blocks are found
 * with {@code indexOf}, not a regex, because their bodies span lines.
 */
public final class Redactor {

    public static final String PREFIX = "[REDACTED:";

    /** Only the key patterns; no known values. */
    public static final Redactor PATTERNS_ONLY = new Redactor(SecretRedactor.NONE);

    private static final String PRIVATE_KEY_KIND = "private-key";
    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";
    private static final int MAX_PEM_LABEL = 40;

    // Token characters of the key formats below; used in look-behinds so a match starts at a run's start.
    private static final String TOKEN = "A-Za-z0-9_\\-";

    private static final List<Rule> RULES = List.of(
            // Header lines: keep the header (and auth scheme), mask the credential.
            Rule.valueOf("authorization", List.of("authorization"), "(?i)(\\b(?:proxy-)?authorization[ \\t]*:[ \\t]*"
                    + "(?:(?:bearer|basic|token|digest)[ \\t]+)?)([^\\s\"',;]{8,})"),
            Rule.valueOf("api-key", List.of("api-key"), "(?i)(\\b(?:x-api-key|api-key|x-goog-api-key)[ \\t]*:[ \\t]*)([^\\s\"',;]{8,})"),
            Rule.valueOf("aws-secret-access-key", List.of("aws"), "(?i)(aws_?secret_?access_?key[\"']?[ \\t]*[=:][ \\t]*[\"']?)"
                    + "([A-Za-z0-9/+=]{20,})"),
            // Anthropic before OpenAI: both start with "sk-".
            Rule.whole("anthropic", "sk-ant-", "(?<![" + TOKEN + "])sk-ant-[" + TOKEN + "]{20,}"),
            Rule.whole("openai", "sk-", "(?<![" + TOKEN + "])sk-(?:proj-|svcacct-|admin-)?[" + TOKEN + "]{20,}"),
            Rule.whole("google", "AIza", "(?<![" + TOKEN + "])AIza[" + TOKEN + "]{35,}"),
            Rule.whole("aws-access-key-id", "IA", "(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
            Rule.whole("github", "gh", "(?<![" + TOKEN + "])gh[pousr]_[A-Za-z0-9]{30,}"),
            Rule.whole("github", "github_pat_", "(?<![" + TOKEN + "])github_pat_[A-Za-z0-9_]{22,}"),
            Rule.whole("gitlab", "glpat-", "(?<![" + TOKEN + "])glpat-[" + TOKEN + "]{20,}"),
            Rule.whole("slack", "xox", "(?<![" + TOKEN + "])xox[abprs]-[A-Za-z0-9\\-]{10,}"),
            Rule.whole("stripe", "_live_", "(?<![" + TOKEN + "])(?:sk|rk)_live_[A-Za-z0-9]{16,}"),
            // Three base64url segments, the first a JSON header ("{\"" encodes as "eyJ"). '.' is outside
            // the segment class, so each segment is matched deterministically.
            Rule.whole("jwt", "eyJ", "(?<![" + TOKEN + "])eyJ[" + TOKEN + "]{8,}\\.[" + TOKEN + "]{8,}\\.["
                    + TOKEN + "]{8,}"),
            // KEY=value / key: value / "key": "value" at the start of a line, value a literal to the end of it.
            // Values that are references or code (${..}, {{..}}, <..>, calls) and plain numbers stay.
            new Rule(null, List.of("pass", "secret", "token", "key"), null, Pattern.compile("(?im)^([ \\t]*(?:export[ \\t]+|-[ \\t]+)?[\"']?[A-Za-z0-9_.\\-]*"
                    + "(password|passwd|secret|token|api[_\\-]?key)[\"']?[ \\t]*[=:][ \\t]*[\"']?)"
                    + "(?![$<{%*\\[]|[0-9]+[\"']?[ \\t]*(?:,[ \\t]*)?$)"
                    + "([^\\s\"',;(){}\\[\\]]{3,})(?=[\"']?[ \\t]*(?:[,;][ \\t]*)?$)"),
                    3, Redactor::assignmentKind));

    private final SecretRedactor known;

    public Redactor(SecretRedactor known) {
        this.known = Objects.requireNonNull(known, "known");
    }

    /** A redactor for these known secret values (nulls and very short values are ignored) plus the patterns. */
    public static Redactor of(String... knownValues) {
        return new Redactor(SecretRedactor.of(knownValues));
    }

    public static String mask(String kind) {
        return PREFIX + kind + "]";
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // Known values first, so a known key is masked whole even where a pattern would match part of it.
        String result = maskPrivateKeys(known.redact(text));
        // For the case-insensitive rules' hints. Masks added by earlier rules cannot complete a later match,
        // so checking hints against the text before them misses nothing.
        String lower = result.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (rule.mayMatch(result, lower)) {
                result = rule.apply(result);
            }
        }
        return result;
    }

    /**
     * Masks PEM private key blocks. An unterminated block (a truncated paste) is masked to the end of the
     * text: a partial key is still a key. Each {@code indexOf} scan stops at the next "-----", so the whole
     * pass is linear.
     */
    private static String maskPrivateKeys(String text) {
        int begin = text.indexOf(BEGIN);
        if (begin < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (begin >= 0) {
            int labelStart = begin + BEGIN.length();
            int labelEnd = text.indexOf(DASHES, labelStart);
            if (labelEnd < 0) {
                break;
            }
            String label = text.substring(labelStart, labelEnd);
            if (label.length() > MAX_PEM_LABEL || !label.endsWith("PRIVATE KEY") || label.indexOf('\n') >= 0) {
                begin = text.indexOf(BEGIN, labelStart);
                continue;
            }
            String endMarker = "-----END " + label + DASHES;
            int end = text.indexOf(endMarker, labelEnd + DASHES.length());
            int stop = end < 0 ? text.length() : end + endMarker.length();
            out.append(text, copied, begin).append(mask(PRIVATE_KEY_KIND));
            copied = stop;
            begin = stop < text.length() ? text.indexOf(BEGIN, stop) : -1;
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    private static String assignmentKind(Matcher m) {
        String keyword = m.group(2).toLowerCase(Locale.ROOT);
        if (keyword.startsWith("pass")) {
            return "password";
        }
        return keyword.startsWith("api") ? "api-key" : keyword;
    }

    /**
     * One pattern: the text of group {@code group} (0 for the whole match) is replaced by a mask.
     *
     * <p>Hints skip the regex on text that cannot match (most text contains no key at all).
     *
     * @param hint a literal every match contains (case-sensitive), or null
     * @param lowerHints lower-case literals one of which every match contains, ignoring case; or null
     */
    private record Rule(String hint, List<String> lowerHints, String kind, Pattern pattern, int group,
            Function<Matcher, String> kindOf) {

        static Rule whole(String kind, String hint, String regex) {
            return new Rule(hint, null, kind, Pattern.compile(regex), 0, null);
        }

        static Rule valueOf(String kind, List<String> lowerHints, String regex) {
            return new Rule(null, lowerHints, kind, Pattern.compile(regex), 2, null);
        }

        boolean mayMatch(String text, String lower) {
            if (hint != null && !text.contains(hint)) {
                return false;
            }
            return lowerHints == null || lowerHints.stream().anyMatch(lower::contains);
        }

        String apply(String text) {
            Matcher m = pattern.matcher(text);
            if (!m.find()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            int copied = 0;
            do {
                out.append(text, copied, m.start(group))
                        .append(mask(kindOf == null ? kind : kindOf.apply(m)));
                copied = m.end(group);
            } while (m.find());
            return out.append(text, copied, text.length()).toString();
        }
    }
}
