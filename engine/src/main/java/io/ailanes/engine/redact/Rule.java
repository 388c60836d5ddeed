package io.ailanes.engine.redact;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pattern: the text of group {@code group} (0 for the whole match) is replaced by a mask.
 *
 * <p>Hints skip the regex on text that cannot match (most text contains no key at all). {@code kindOf}, when
 * set, names the kind of each match, or returns null to leave that match alone (a check a linear regex cannot
 * express, such as "the body has a digit").
 *
 * @param hint a literal every match contains (case-sensitive), or null
 * @param lowerHints lower-case literals one of which every match contains, ignoring case; or null
 */
record Rule(String hint, List<String> lowerHints, String kind, Pattern pattern, int group,
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
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            String name = kindOf == null ? kind : kindOf.apply(m);
            if (name == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start(group)).append(Redactor.mask(name));
            copied = m.end(group);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }
}
