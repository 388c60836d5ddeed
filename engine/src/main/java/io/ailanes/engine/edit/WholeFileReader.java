package io.ailanes.engine.edit;

import static io.ailanes.engine.edit.EditParser.DELETE;

import java.util.ArrayList;
import java.util.List;

/** The whole-file form; syntax on {@link EditParser}. */
final class WholeFileReader {

    private final String[] lines;
    private final List<EditProblem> problems = new ArrayList<>();
    private final List<FileEdit> edits = new ArrayList<>();

    WholeFileReader(String[] lines) {
        this.lines = lines;
    }

    List<FileEdit> read() throws EditParseException {
        int block = 0;
        String pathLine = null;
        int i = 0;
        while (i < lines.length) {
            String t = EditParser.stripEnd(lines[i]);
            String fence = openingFence(t);
            if (fence != null) {
                block++;
                String path = EditParser.pathOf(pathLine, block, "```", problems);
                List<String> content = new ArrayList<>();
                int j = i + 1;
                while (j < lines.length && !closes(lines[j], fence)) {
                    content.add(lines[j]);
                    j++;
                }
                if (j == lines.length) {
                    problems.add(new EditProblem(block, path, "the fenced block opened at line " + (i + 1)
                            + " is never closed with '" + fence + "'"));
                } else if (path != null) {
                    edits.add(FileEdit.write(block, path, EditParser.joinLines(content)));
                }
                pathLine = null;
                i = j + 1;
                continue;
            }
            if (t.equals(DELETE)) {
                block++;
                String path = EditParser.pathOf(pathLine, block, DELETE, problems);
                if (path != null) {
                    edits.add(FileEdit.delete(block, path));
                }
                pathLine = null;
            } else if (!t.isBlank()) {
                pathLine = t;
            }
            i++;
        }
        if (block == 0 && problems.isEmpty()) {
            problems.add(new EditProblem(0, null,
                    "no files found; write each file as its path line followed by a fenced block with the full content"));
        }
        if (!problems.isEmpty()) {
            throw new EditParseException(problems);
        }
        return edits;
    }

    /** The fence run (e.g. "```" or "~~~~") when the line opens a fenced block, else null. */
    private static String openingFence(String t) {
        if (t.isEmpty() || (t.charAt(0) != '`' && t.charAt(0) != '~')) {
            return null;
        }
        char c = t.charAt(0);
        int n = 0;
        while (n < t.length() && t.charAt(n) == c) {
            n++;
        }
        if (n < 3) {
            return null;
        }
        if (c == '`' && t.indexOf('`', n) >= 0) {
            return null; // CommonMark: a backtick fence's info string has no backticks
        }
        return t.substring(0, n);
    }

    private static boolean closes(String line, String fence) {
        String t = line.strip();
        if (t.length() < fence.length()) {
            return false;
        }
        char c = fence.charAt(0);
        for (int k = 0; k < t.length(); k++) {
            if (t.charAt(k) != c) {
                return false;
            }
        }
        return true;
    }
}
