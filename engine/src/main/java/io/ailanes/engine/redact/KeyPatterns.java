package io.ailanes.engine.redact;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Key shapes of the major providers and clouds, found by their prefix at (nearly) any length, and long
 * random-looking tokens. Split out of {@link Redactor} to keep it readable; the same linearity rules apply:
 * each pattern starts with a negative look-behind on its own characters (a match starts only where a run
 * starts) and has a single greedy body class.
 */
final class KeyPatterns {

    // Token characters of most key formats; used in look-behinds so a match starts at a run's start.
    static final String TOKEN = "A-Za-z0-9_\\-";
    // A key cut short (a log line, a truncated paste) is still a key: 8 characters after the prefix suffice.
    private static final int MIN_BODY = 8;

    static final List<Rule> TOKENS = List.of(
            // Longer prefixes before "sk-", which they start with.
            distinctive("anthropic", "sk-ant-", "sk-ant-", TOKEN),
            distinctive("openrouter", "sk-or-", "sk-or-", TOKEN),
            // "sk-" alone is short: a digit in the body tells "sk-test-abc12345" from "sk-learn-contrib".
            withDigit("openai", "sk-", "sk-(?:proj-|svcacct-|admin-)?", TOKEN),
            withDigit("google", "AIza", "AIza", TOKEN),
            withDigit("google", "ya29.", "ya29\\.", TOKEN),
            distinctive("google", "GOCSPX-", "GOCSPX-", TOKEN),
            // Upper-case base32 bodies; the id is 20 characters in all, accept from 16 (a cut id).
            new Rule(null, null, "aws-access-key-id", Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA"
                    + "|ANPA|ANVA|AIPA|ABIA|ACCA|APKA|A3T[A-Z0-9])([A-Z0-9]{12,})(?![A-Za-z0-9])"), 0,
                    m -> hasDigit(m.group(1)) ? "aws-access-key-id" : null),
            withDigit("github", "gh", "gh[pousr]_", "A-Za-z0-9"),
            distinctive("github", "github_pat_", "github_pat_", "A-Za-z0-9_"),
            withDigit("gitlab", "gl", "gl(?:pat|ptt|dt|rt|cbt|soat|ffct|oas)-", TOKEN),
            distinctive("slack", "xox", "xox[abprse]-", "A-Za-z0-9\\-"),
            distinctive("slack", "xapp-", "xapp-", "A-Za-z0-9\\-"),
            // The webhook URL is the credential; keep the host, mask the path.
            new Rule("hooks.slack.com/services/", null, "slack",
                    Pattern.compile("(hooks\\.slack\\.com/services/)([A-Za-z0-9_/]{" + MIN_BODY + ",})"), 2, null),
            distinctive("stripe", "k_", "[sr]k_(?:live|test)_", "A-Za-z0-9"),
            distinctive("stripe", "whsec_", "whsec_", "A-Za-z0-9"),
            withDigit("npm", "npm_", "npm_", "A-Za-z0-9"),
            distinctive("pypi", "pypi-AgE", "pypi-AgE", TOKEN),
            distinctive("docker", "dckr_pat_", "dckr_pat_", TOKEN),
            withDigit("huggingface", "hf_", "hf_", "A-Za-z0-9"),
            withDigit("groq", "gsk_", "gsk_", "A-Za-z0-9"),
            withDigit("xai", "xai-", "xai-", "A-Za-z0-9"),
            withDigit("perplexity", "pplx-", "pplx-", "A-Za-z0-9"),
            withDigit("replicate", "r8_", "r8_", "A-Za-z0-9"),
            // SG.<id>.<secret>: '.' is outside the segment class, so each segment is matched deterministically.
            Rule.whole("sendgrid", "SG.", "(?<![" + TOKEN + ".])SG\\.[" + TOKEN + "]{8,}\\.[" + TOKEN + "]{8,}"),
            Rule.whole("twilio", "SK", "(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])"),
            distinctive("digitalocean", "_v1_", "do[opr]_v1_", "a-f0-9"),
            distinctive("shopify", "shp", "shp(?:at|ss|ca|pa)_", "a-fA-F0-9"),
            distinctive("atlassian", "ATATT3", "ATATT3", TOKEN + "="),
            withDigit("vault", "hv", "hv[sbr]\\.", TOKEN),
            Rule.whole("databricks", "dapi", "(?<![A-Za-z0-9])dapi[0-9a-f]{32}(?:-[0-9]+)?(?![A-Za-z0-9])"),
            distinctive("sentry", "sntry", "sntry[su]_", TOKEN + "="),
            distinctive("linear", "lin_", "lin_(?:api|oauth)_", "A-Za-z0-9"),
            distinctive("postman", "PMAK-", "PMAK-", "A-Za-z0-9\\-"),
            distinctive("age", "AGE-SECRET-KEY-1", "AGE-SECRET-KEY-1", "A-Z0-9"),
            Rule.whole("mailgun", "key-", "(?<![" + TOKEN + "])key-[0-9a-f]{32}(?![A-Za-z0-9])"),
            // Azure storage / Service Bus connection strings and SAS URLs: keep the name, mask the value.
            new Rule("Key", null, "azure", Pattern.compile("(?<![A-Za-z0-9])((?:Account|SharedAccess)Key[ \\t]*=[ \\t]*)"
                    + "([A-Za-z0-9+/]{" + MIN_BODY + ",}=*)"), 2, null),
            new Rule("sig=", null, "azure", Pattern.compile("(?<![A-Za-z0-9_])(sig=)([A-Za-z0-9%+/]{"
                    + MIN_BODY + ",}=*)"), 2, null));

    // Base64/base64url/hex-ish runs; ',' before "base64" data-URI payloads, which may stay.
    private static final String RUN = "A-Za-z0-9+/_\\-";
    static final Rule HIGH_ENTROPY = new Rule(null, null, "high-entropy",
            Pattern.compile("(?<![" + RUN + "])(?<!base64,)([" + RUN + "]{32,})=*"), 0,
            m -> looksRandom(m.group(1)) ? "high-entropy" : null);

    // Tuned on ~460 MB of Java/JS/XML/JSON/properties sources and on random base64: identifiers and paths are
    // mostly words (lang3/StringUtils, testSpecAsSHA1With..: 85%+ of characters), random base64 rarely above
    // 60% (99.9th percentile at 32 characters: 75%, at 64: 61%).
    private static final double MAX_WORDLIKE = 0.6;
    // Random base64 of 32 characters has at least 4.1 bits per character in 999 of 1000 draws.
    private static final double MIN_ENTROPY = 4.0;

    private KeyPatterns() {
    }

    /** A prefix specific enough that any body of {@value #MIN_BODY}+ characters is a key. */
    private static Rule distinctive(String kind, String hint, String prefix, String body) {
        return Rule.whole(kind, hint, "(?<![" + TOKEN + "])" + prefix + "[" + body + "]{" + MIN_BODY + ",}");
    }

    /** A short prefix: the body must also hold a digit, as generated keys do and words do not. */
    private static Rule withDigit(String kind, String hint, String prefix, String body) {
        Pattern pattern = Pattern.compile("(?<![" + TOKEN + "])" + prefix + "([" + body + "]{" + MIN_BODY + ",})");
        return new Rule(hint, null, kind, pattern, 0, m -> hasDigit(m.group(1)) ? kind : null);
    }

    static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a run looks like a random token: upper case, lower case and digits all present, high Shannon
     * entropy, and mostly not words or plain values (see {@link #wordlike}: git SHAs, SHA-256 digests, UUIDs
     * and paths are). SRI integrity strings ("sha512-...") are checksums, not secrets.
     */
    static boolean looksRandom(String run) {
        if (run.startsWith("sha1-") || run.startsWith("sha256-") || run.startsWith("sha384-")
                || run.startsWith("sha512-")) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        int[] counts = new int[128];
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            counts[c]++;
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        if (!upper || !lower || !digit || wordlike(run) > MAX_WORDLIKE * run.length()) {
            return false;
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / run.length();
                entropy -= p * Math.log(p) / Math.log(2);
            }
        }
        return entropy >= MIN_ENTROPY;
    }

    /**
     * Characters that read as words or plain values: whole '_', '-', '/' or '+' separated segments without
     * both cases (hex, digits, CONSTANT, lang3), and within the others an optional capital and 3+ lower-case
     * letters, or 4+ capitals (StringUtils, testAsSHA1With).
     */
    private static int wordlike(String run) {
        int covered = 0;
        int start = 0;
        for (int i = 0; i <= run.length(); i++) {
            if (i == run.length() || "_-/+".indexOf(run.charAt(i)) >= 0) {
                covered += oneCase(run, start, i) ? i - start : words(run, start, i);
                start = i + 1;
            }
        }
        return covered;
    }

    private static boolean oneCase(String run, int from, int to) {
        boolean upper = false;
        boolean lower = false;
        for (int i = from; i < to; i++) {
            upper |= isUpper(run.charAt(i));
            lower |= isLower(run.charAt(i));
        }
        return !(upper && lower);
    }

    private static int words(String run, int from, int to) {
        int covered = 0;
        int i = from;
        while (i < to) {
            int start = i;
            if (isUpper(run.charAt(i))) {
                while (i < to && isUpper(run.charAt(i))) {
                    i++;
                }
                int capitals = i - start;
                int lowerStart = i;
                while (i < to && isLower(run.charAt(i))) {
                    i++;
                }
                int lowers = i - lowerStart;
                if (lowers >= 3) {
                    covered += lowers + 1 + (capitals >= 5 ? capitals - 1 : 0);
                } else if (capitals >= 4) {
                    covered += capitals;
                }
            } else if (isLower(run.charAt(i))) {
                while (i < to && isLower(run.charAt(i))) {
                    i++;
                }
                covered += i - start >= 3 ? i - start : 0;
            } else {
                i++;
            }
        }
        return covered;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
