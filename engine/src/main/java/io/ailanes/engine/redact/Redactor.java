package io.ailanes.engine.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text: first the known secret values (the keys and credentials in use, via
 * {@link SecretRedactor}, masked as {@value SecretRedactor#MASK} whether or not they look like a key), then
 * common key shapes, each masked as {@code [REDACTED:<kind>]}.
 *
 * <p>The patterns are best effort and deliberately conservative: text sent to a provider passes through
 * here, so masking ordinary code would damage the prompt. Covered: provider and cloud key prefixes at any
 * length ({@link KeyPatterns}), private key blocks (PEM, also JSON-escaped, and PuTTY), passwords in URLs,
 * credential names followed by a quoted literal anywhere on a line ({@code apiKey = "..."}) or, at the start
 * of a line, by an unquoted value running to its end (env/ini/properties/yaml), and long random-looking
 * tokens. {@code token = getToken();}, {@code this.secret = secret;} and {@code token: ${{ secrets.X }}} are
 * left alone.
 *
 * <p>Running time is linear in the text length. Every pattern is a fixed prefix or keyword followed by
 * single character classes with greedy quantifiers, with no nested or adjacent overlapping quantifiers;
 * token patterns start with a negative look-behind on their own character class, so a match can start only
 * at the beginning of a run and each run is scanned a bounded number of times. Checks a regex cannot do
 * linearly (a digit in the body, entropy) run on the match. Private key blocks are found with
 * {@code indexOf}, not a regex, because their bodies span lines.
 */
public final class Redactor {

    public static final String PREFIX = "[REDACTED:";

    /** Only the key patterns; no known values. */
    public static final Redactor PATTERNS_ONLY = new Redactor(SecretRedactor.NONE);

    private static final String PRIVATE_KEY_KIND = "private-key";
    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";
    private static final int MAX_PEM_LABEL = 40;
    private static final String PRIVATE_LINES = "Private-Lines:";

    private static final String TOKEN = KeyPatterns.TOKEN;

    // Names whose value is a credential: the name ends in one of these (ignoring case), so "db.password",
    // "GITHUB_TOKEN", "apiKey", "stripe.key" and "client_secret" count; "secret_name", "password_file",
    // "keyboard" and "cacheKey" do not.
    private static final String NAME = "(?<![A-Za-z0-9_.\\-])[A-Za-z0-9_.\\-]*(password|passwd|passphrase|secret|token"
            + "|credentials?|api[_.\\-]?key|(?:private|secret|access|auth|signing|encryption|master|client|license"
            + "|account|app|service|subscription)[_.\\-]?key|\\.key)";
    // Values that are references, templates, types or literals, not secrets: ${X}, <X>, {{X}}, %s, *, [..],
    // :sym, #{x}, numbers, booleans and type names.
    private static final String NOT_A_VALUE = "(?![$<{%*\\[:#,;?!)]|(?:[0-9.]+|true|false|null|none|nil|undefined|string|str"
            + "|number|boolean|bool|any)(?![A-Za-z0-9_.\\-]))";

    private static final List<Rule> RULES = rules();

    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>(List.of(
                // Header lines: keep the header (and auth scheme), mask the credential.
                Rule.valueOf("authorization", List.of("authorization"), "(?i)(\\b(?:proxy-)?authorization[ \\t]*:[ \\t]*"
                        + "(?:(?:bearer|basic|token|digest)[ \\t]+)?)([^\\s\"',;]{8,})"),
                Rule.valueOf("api-key", List.of("api-key"), "(?i)(\\b(?:x-api-key|api-key|x-goog-api-key)[ \\t]*:[ \\t]*)"
                        + "([^\\s\"',;]{8,})"),
                Rule.valueOf("aws-secret-access-key", List.of("aws"), "(?i)(aws_?secret_?access_?key[\"']?[ \\t]*[=:][ \\t]*"
                        + "[\"']?)([A-Za-z0-9/+=]{20,})")));
        // Known key shapes before the assignment rules, so a key under a key-like name keeps its own kind.
        rules.addAll(KeyPatterns.TOKENS);
        rules.addAll(List.of(
                // Three base64url segments, the first a JSON header ("{\"" encodes as "eyJ"). '.' is outside
                // the segment class, so each segment is matched deterministically.
                Rule.whole("jwt", "eyJ", "(?<![" + TOKEN + "])eyJ[" + TOKEN + "]{8,}\\.[" + TOKEN + "]{8,}\\.["
                        + TOKEN + "]{8,}"),
                // scheme://user:password@host: keep the user and host. The scheme starts a run (look-behind)
                // and each part is one class that excludes the next delimiter.
                new Rule("://", null, "password", Pattern.compile("(?<![A-Za-z0-9+.\\-])([A-Za-z][A-Za-z0-9+.\\-]*://"
                        + "[^\\s:/@\"'<>]+:)(?![$<{%*\\[])([^\\s/@\"'<>]+)(?=@)"), 2, null),
                // A quoted literal after a credential name, anywhere on a line: apiKey = "..", "password": "..",
                // 'secret' => '..', Token: `..`. Calls, references and variables are not quoted literals.
                new Rule(null, List.of("pass", "secret", "token", "key", "credential"), null, Pattern.compile("(?i)("
                        + NAME + "[\"']?[ \\t]*(?::=|=>|=(?!=)|:)[ \\t]*)([\"'`])" + NOT_A_VALUE
                        + "([^\\s\"'`]{4,})\\3"), 4, m -> assignmentKind(m, 4)),
                // An unquoted value after a credential name that starts a line (env/ini/properties/yaml), running
                // to the end of the line. A trailing ';' or ',' means code (this.secret = secret;), which stays.
                new Rule(null, List.of("pass", "secret", "token", "key", "credential"), null, Pattern.compile("(?im)"
                        + "^([ \\t]*(?:(?:export|set|env|arg)[ \\t]+|-[ \\t]+)?[\"']?" + NAME
                        + "[\"']?[ \\t]*[=:](?![=:>])[ \\t]*)" + NOT_A_VALUE
                        + "([^\\s\"'`,;(){}\\[\\]]{4,})[ \\t]*\\r?$"), 3, m -> assignmentKind(m, 3)),
                // Connection strings and query strings: ";Password=..;", "?password=..&".
                new Rule(null, List.of("pass", "pwd"), "password", Pattern.compile("(?i)(?<=[;?&])((?:password|passwd"
                        + "|pwd)[ \\t]*=[ \\t]*)(?![$<{%*\\[])([^;&\\s\"'<>]{3,})"), 2, null),
                Rule.valueOf(PRIVATE_KEY_KIND, List.of("private-"), "((?:Private-MAC|Private-Hash):[ \\t]*)([0-9a-fA-F]{8,})")));
        return List.copyOf(rules);
    }

    private final SecretRedactor known;

    public Redactor(SecretRedactor known) {
        this.known = Objects.requireNonNull(known, "known");
    }

    /** A redactor for these known secret values (nulls and very short values are ignored) plus the patterns. */
    public static Redactor of(String... knownValues) {
        return new Redactor(SecretRedactor.of(knownValues));
    }

    /**
     * The redactor of a run: its credentials, and the value of every environment variable whose name looks like a
     * credential's ({@link #isSecretName}), are never sent; the key patterns come on top. The CLI passes its
     * process environment, Jenkins the step's.
     */
    public static Redactor forRun(Collection<String> credentials, Map<String, String> environment) {
        List<String> secrets = new ArrayList<>(credentials);
        if (environment != null) {
            environment.forEach((name, value) -> {
                if (isSecretName(name)) {
                    secrets.add(value);
                }
            });
        }
        return of(secrets.toArray(String[]::new));
    }

    /** Whether an environment variable's name says it holds a credential: it contains KEY, TOKEN, SECRET or PASSWORD. */
    public static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.contains("KEY") || upper.contains("TOKEN") || upper.contains("SECRET") || upper.contains("PASSWORD");
    }

    public static String mask(String kind) {
        return PREFIX + kind + "]";
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // Known values first, so a known key is masked whole even where a pattern would match part of it.
        String result = maskPuttyKeys(maskPrivateKeys(known.redact(text)));
        // For the case-insensitive rules' hints. Masks added by earlier rules cannot complete a later match,
        // so checking hints against the text before them misses nothing.
        String lower = result.toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (rule.mayMatch(result, lower)) {
                result = rule.apply(result);
            }
        }
        // Last: only what no named rule recognised is judged by its randomness.
        return maskRandomRuns(result);
    }

    /**
     * Applies the high-entropy rule outside certificate and public key blocks (private ones are masked by
     * now): their base64 is random but public. Stops looking for blocks at the first unterminated one, so
     * each {@code indexOf} scan covers new text and the pass stays linear.
     */
    private static String maskRandomRuns(String text) {
        Rule rule = KeyPatterns.HIGH_ENTROPY;
        int begin = text.indexOf(BEGIN);
        if (begin < 0) {
            return rule.apply(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (begin >= 0) {
            int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
            if (labelEnd < 0) {
                break;
            }
            String label = text.substring(begin + BEGIN.length(), labelEnd);
            String endMarker = "-----END " + label + DASHES;
            int end = label.length() <= MAX_PEM_LABEL && label.indexOf('\n') < 0 ? text.indexOf(endMarker, labelEnd) : -1;
            if (end < 0) {
                break;
            }
            int stop = end + endMarker.length();
            out.append(rule.apply(text.substring(from, begin))).append(text, begin, stop);
            from = stop;
            begin = text.indexOf(BEGIN, stop);
        }
        return out.append(rule.apply(text.substring(from))).toString();
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
            if (label.length() > MAX_PEM_LABEL || !label.contains("PRIVATE KEY") || label.indexOf('\n') >= 0) {
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

    /**
     * Masks the private lines of PuTTY .ppk keys: "Private-Lines: N" is followed by N base64 lines (the MAC
     * line is a rule). Each scan moves forward only, so the pass is linear.
     */
    private static String maskPuttyKeys(String text) {
        int at = text.indexOf(PRIVATE_LINES);
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (at >= 0) {
            int lineEnd = text.indexOf('\n', at);
            int lines = lineEnd < 0 ? 0 : parseCount(text.substring(at + PRIVATE_LINES.length(), lineEnd));
            if (lines <= 0) {
                at = text.indexOf(PRIVATE_LINES, at + PRIVATE_LINES.length());
                continue;
            }
            int stop = lineEnd + 1;
            for (int i = 0; i < lines && stop < text.length(); i++) {
                int next = text.indexOf('\n', stop);
                stop = next < 0 ? text.length() : next + (i == lines - 1 ? 0 : 1);
            }
            out.append(text, copied, lineEnd + 1).append(mask(PRIVATE_KEY_KIND));
            copied = stop;
            at = text.indexOf(PRIVATE_LINES, stop);
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static int parseCount(String digits) {
        String trimmed = digits.strip();
        if (trimmed.isEmpty() || trimmed.length() > 6 || !trimmed.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(trimmed);
    }

    /** The kind of a credential name's value, or null when the value merely repeats the name ("password"). */
    private static String assignmentKind(Matcher m, int valueGroup) {
        String name = m.group(2).toLowerCase(Locale.ROOT);
        String value = m.group(valueGroup).toLowerCase(Locale.ROOT);
        String kind;
        String root;
        if (name.startsWith("pass")) {
            kind = "password";
            root = "pass";
        } else if (name.startsWith("api")) {
            kind = "api-key";
            root = "key";
        } else if (name.startsWith("private")) {
            kind = PRIVATE_KEY_KIND;
            root = "key";
        } else if (name.startsWith("secret") || name.startsWith("client")) {
            kind = "secret";
            root = "secret";
        } else if (name.startsWith("token")) {
            kind = "token";
            root = "token";
        } else if (name.startsWith("credential")) {
            kind = "credential";
            root = "credential";
        } else {
            kind = "key";
            root = "key";
        }
        String raw = m.group(valueGroup);
        // String PASSWORD = "password"; API_TOKEN = "apiToken": a name for a name, not a secret. Unicode
        // escapes are translated text (Password=Contrase\u00F1a), and dotted names are names (token: "paren.rparen").
        if (value.contains(root) || raw.contains("\\u") || DOTTED_NAME.matcher(raw).matches()
                || NON_ASCII_LETTER.matcher(raw).find()) {
            return null;
        }
        if (kind.equals("password")) {
            // A localisation file labels, it does not configure: "Password=Passord".
            String written = m.group(2);
            boolean label = Character.isUpperCase(written.charAt(0))
                    && written.substring(1).equals(written.substring(1).toLowerCase(Locale.ROOT))
                    && WORD.matcher(raw).matches() && Character.isUpperCase(raw.charAt(0));
            return label ? null : kind;
        }
        // Generated tokens and keys hold a digit or a symbol; words and names (token: "keyword") do not.
        return WORD_CHARS.matcher(raw).matches() ? null : kind;
    }

    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z_\\-][A-Za-z0-9_\\-]*(?:\\.[A-Za-z_\\-][A-Za-z0-9_\\-]*)+"
            + "(?:\\.[0-9]+)*");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    // Translated text (Password=パスワード, LegacyToken=このレガシー..), not a configured value.
    private static final Pattern NON_ASCII_LETTER = Pattern.compile("[^\\x00-\\x7F]");
    private static final Pattern WORD_CHARS = Pattern.compile("[\\p{L}\\p{M}._\\-]+");
}
