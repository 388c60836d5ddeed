package io.ailanes.engine.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies one file's hunks to its original text. Every hunk's search text must occur exactly once in the
 * original, starting at the beginning of a line; hunks must not overlap; all are matched against the
 * original, never against each other's output. Line breaks in the search text match LF or CRLF, and the
 * final line break also matches the end of a file that lacks one, so line endings never decide a match.
 */
final class HunkMatcher {

    private static final int MAX_COUNTED = 100;

    private HunkMatcher() {
    }

    /** A hunk and the block it came from. */
    record BlockHunk(int block, Hunk hunk) {
    }

    private record Match(BlockHunk source, int start, int end, String replacement) {
    }

    /** The new text, or {@code null} after adding the problems found. */
    static String apply(String path, String original, List<BlockHunk> hunks, String noun, List<EditProblem> problems) {
        String eol = LineEndings.dominant(original);
        List<Match> matches = new ArrayList<>();
        boolean failed = false;
        for (BlockHunk bh : hunks) {
            Hunk h = bh.hunk();
            Found found = find(original, h.search());
            int count = found.count();
            int start = found.start();
            int end = found.end();
            if (count != 1) {
                failed = true;
                String times = count == 0 ? "was not found" : "occurs " + (count >= MAX_COUNTED ? "at least " : "") + count + " times";
                String fix = count == 0 ? "copy the lines exactly as they are in the current file, including indentation"
                        : "add surrounding lines so it matches exactly once";
                problems.add(new EditProblem(bh.block(), path, noun + " starting '" + h.firstSearchLine() + "' "
                        + times + " in " + path + "; " + fix));
                continue;
            }
            String replacement = LineEndings.withEol(h.replace(), eol);
            boolean matchedEndWithoutNewline = h.search().endsWith("\n") && !original.substring(start, end).endsWith("\n");
            if (matchedEndWithoutNewline && replacement.endsWith(eol)) {
                replacement = replacement.substring(0, replacement.length() - eol.length());
            }
            matches.add(new Match(bh, start, end, replacement));
        }
        matches.sort(Comparator.comparingInt(Match::start));
        for (int k = 1; k < matches.size(); k++) {
            Match a = matches.get(k - 1);
            Match b = matches.get(k);
            if (b.start() < a.end()) {
                failed = true;
                problems.add(new EditProblem(b.source().block(), path, noun + " starting '"
                        + b.source().hunk().firstSearchLine() + "' overlaps the one starting '"
                        + a.source().hunk().firstSearchLine() + "'" + (a.source().block() == b.source().block()
                        ? "" : " (block " + a.source().block() + ")") + "; combine them into one edit"));
            }
        }
        if (failed) {
            return null;
        }
        StringBuilder out = new StringBuilder(original.length() + 64);
        int at = 0;
        for (Match m : matches) {
            out.append(original, at, m.start()).append(m.replacement());
            at = m.end();
        }
        out.append(original, at, original.length());
        return out.toString();
    }

    /** How often a search text occurs (counted up to {@value #MAX_COUNTED}) and where it first does. */
    record Found(int count, int start, int end) {
    }

    /**
     * The occurrences of {@code search} as whole lines from a line start, as {@link #pattern} defines them. Text
     * without carriage returns or a byte order mark (most files) is searched with {@code indexOf}, which is far
     * cheaper than the pattern and finds the same occurrences.
     */
    static Found find(String original, String search) {
        boolean endsWithNewline = search.endsWith("\n");
        String body = endsWithNewline ? search.substring(0, search.length() - 1) : search;
        if (body.isEmpty() || original.indexOf('\r') >= 0 || search.indexOf('\r') >= 0 || original.startsWith("\uFEFF")) {
            return findByPattern(original, search);
        }
        int count = 0;
        int start = -1;
        int end = -1;
        int at = original.indexOf(body);
        while (at >= 0 && count < MAX_COUNTED) {
            int after = at + body.length();
            boolean lineStart = at == 0 || original.charAt(at - 1) == '\n';
            boolean fits = !endsWithNewline || after == original.length() || original.charAt(after) == '\n';
            if (lineStart && fits) {
                if (count == 0) {
                    start = at;
                    end = endsWithNewline && after < original.length() ? after + 1 : after;
                }
                count++;
            }
            at = original.indexOf(body, at + 1);
        }
        return new Found(count, start, end);
    }

    /** The same as {@link #find}, always by the pattern: handles CRLF, lone CR and a leading byte order mark. */
    static Found findByPattern(String original, String search) {
        Matcher m = pattern(search).matcher(original);
        int count = 0;
        int start = -1;
        int end = -1;
        int from = 0;
        while (count < MAX_COUNTED && from <= original.length() && m.find(from)) {
            if (count == 0) {
                start = m.start();
                end = m.end();
            }
            count++;
            from = m.start() + 1;
        }
        return new Found(count, start, end);
    }

    /** Literal lines; line breaks match LF or CRLF; the final one also matches the end of the text. */
    static Pattern pattern(String search) {
        String lf = search.replace("\r\n", "\n");
        String[] pieces = lf.split("\n", -1);
        // At a line start: the text's start, after a line break, or right after a leading byte order mark.
        StringBuilder re = new StringBuilder("(?:^|(?<=\\n)|(?<=^\uFEFF))");
        for (int i = 0; i < pieces.length; i++) {
            if (!pieces[i].isEmpty()) {
                re.append(Pattern.quote(pieces[i]));
            }
            if (i < pieces.length - 1) {
                boolean last = i == pieces.length - 2 && pieces[pieces.length - 1].isEmpty();
                re.append(last ? "(?:\\r?\\n|\\z)" : "\\r?\\n");
            }
        }
        return Pattern.compile(re.toString());
    }
}
