package io.ailanes.engine.edit;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file's part of {@code changes.patch}: a git-style unified diff ({@code diff --git a/p b/p}, three
 * lines of context) made with java-diff-utils, that {@code git apply} accepts. Lines are split on LF only, so
 * a CRLF file's lines keep their CR and the patch carries the exact bytes; a last line without a line break
 * is marked {@code \ No newline at end of file}.
 */
final class PatchWriter {

    /** Marks a last line that has no line break; NUL never occurs in text this package writes. */
    private static final String NO_EOL = "\u0000";
    private static final String NO_EOL_NOTE = "\\ No newline at end of file";
    private static final Pattern HEADER = Pattern.compile("^@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@(.*)$");

    private PatchWriter() {
    }

    /** A file's diff text (ending with a line break) and its added and removed line counts. */
    record FileDiff(String text, int added, int removed) {
    }

    /** {@code oldText == null} for a created file, {@code newText == null} for a deleted one. */
    static FileDiff diff(String path, String oldText, String newText) {
        List<String> oldLines = lines(oldText);
        List<String> newLines = lines(newText);
        Patch<String> patch = DiffUtils.diff(oldLines, newLines);
        int added = 0;
        int removed = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            removed += d.getSource().size();
            added += d.getTarget().size();
        }
        StringBuilder out = new StringBuilder();
        out.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
        if (oldText == null) {
            out.append("new file mode 100644\n");
        } else if (newText == null) {
            out.append("deleted file mode 100644\n");
        }
        if (!patch.getDeltas().isEmpty()) {
            String from = oldText == null ? "/dev/null" : "a/" + path;
            String to = newText == null ? "/dev/null" : "b/" + path;
            for (String line : UnifiedDiffUtils.generateUnifiedDiff(from, to, oldLines, patch, 3)) {
                if (line.startsWith("@@")) {
                    out.append(emptyRangeFix(line)).append('\n');
                } else if (line.endsWith(NO_EOL)) {
                    out.append(line, 0, line.length() - NO_EOL.length()).append('\n').append(NO_EOL_NOTE).append('\n');
                } else {
                    out.append(line).append('\n');
                }
            }
        }
        return new FileDiff(out.toString(), added, removed);
    }

    /**
     * An empty range's start is the line before it ("-0,0" for a new file), as diff and git write it;
     * java-diff-utils writes the line after it ("-1,0").
     */
    static String emptyRangeFix(String header) {
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            return header;
        }
        return "@@ -" + range(m.group(1), m.group(2)) + " +" + range(m.group(3), m.group(4)) + " @@" + m.group(5);
    }

    private static String range(String start, String count) {
        int s = Integer.parseInt(start);
        return count.equals("0") && s > 0 ? (s - 1) + ",0" : s + "," + count;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        int start = 0;
        int nl;
        while ((nl = text.indexOf('\n', start)) >= 0) {
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start) + NO_EOL);
        }
        return lines;
    }
}
