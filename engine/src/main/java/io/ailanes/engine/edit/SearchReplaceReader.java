package io.ailanes.engine.edit;

import static io.ailanes.engine.edit.EditParser.DELETE;
import static io.ailanes.engine.edit.EditParser.DIVIDER;
import static io.ailanes.engine.edit.EditParser.REPLACE;
import static io.ailanes.engine.edit.EditParser.SEARCH;

import java.util.ArrayList;
import java.util.List;

/** The SEARCH/REPLACE form; syntax on {@link EditParser}. Collects every block's problem, not just the first. */
final class SearchReplaceReader {

    private final String[] lines;
    private final List<EditProblem> problems = new ArrayList<>();
    private final List<FileEdit> edits = new ArrayList<>();
    private int block;

    SearchReplaceReader(String[] lines) {
        this.lines = lines;
    }

    List<FileEdit> read() throws EditParseException {
        String pathLine = null;
        int i = 0;
        while (i < lines.length) {
            String t = EditParser.stripEnd(lines[i]);
            if (t.equals(SEARCH)) {
                block++;
                String path = EditParser.pathOf(pathLine, block, SEARCH, problems);
                i = readBlock(i + 1, path);
                pathLine = null;
                continue;
            }
            if (t.equals(DELETE)) {
                block++;
                String path = EditParser.pathOf(pathLine, block, DELETE, problems);
                if (path != null) {
                    edits.add(FileEdit.delete(block, path));
                }
                pathLine = null;
            } else if (t.equals(DIVIDER) || t.equals(REPLACE)) {
                problems.add(new EditProblem(block, null, "line " + (i + 1) + " '" + t + "' is outside any block"
                        + (block == 0 ? "" : " (after block " + block + ")") + "; every block starts with '" + SEARCH + "'"));
            } else if (!t.isBlank() && !EditParser.isFence(t)) {
                pathLine = t;
            }
            i++;
        }
        if (block == 0 && problems.isEmpty()) {
            problems.add(new EditProblem(0, null, "no edit blocks found; write each change as a path line followed by "
                    + SEARCH + " / " + DIVIDER + " / " + REPLACE));
        }
        if (!problems.isEmpty()) {
            throw new EditParseException(problems);
        }
        return edits;
    }

    /** Reads one block's sections from {@code start}; returns the index after the block. */
    private int readBlock(int start, String path) {
        List<String> search = new ArrayList<>();
        List<String> replace = new ArrayList<>();
        int i = start;
        boolean inReplace = false;
        while (i < lines.length) {
            String line = lines[i];
            String t = EditParser.stripEnd(line);
            if (t.equals(SEARCH) || t.equals(DELETE)) {
                problems.add(new EditProblem(block, path, "a new '" + t + "' starts at line " + (i + 1)
                        + " before this block's '" + (inReplace ? REPLACE : DIVIDER) + "' line"));
                return i;
            }
            if (t.equals(DIVIDER)) {
                if (inReplace) {
                    problems.add(new EditProblem(block, path, "more than one '" + DIVIDER + "' line (again at line "
                            + (i + 1) + "), so the divider between SEARCH and REPLACE is ambiguous; if the file has "
                            + "a '" + DIVIDER + "' line, choose SEARCH lines that avoid it or use another edit form"));
                    return skipPast(i);
                }
                inReplace = true;
            } else if (t.equals(REPLACE)) {
                if (!inReplace) {
                    problems.add(new EditProblem(block, path, "'" + REPLACE + "' at line " + (i + 1)
                            + " comes before any '" + DIVIDER + "' line"));
                    return i + 1;
                }
                finish(path, search, replace);
                return i + 1;
            } else {
                (inReplace ? replace : search).add(line);
            }
            i++;
        }
        problems.add(new EditProblem(block, path, "the response ends before this block's '"
                + (inReplace ? REPLACE : DIVIDER) + "' line"));
        return i;
    }

    private int skipPast(int from) {
        for (int i = from + 1; i < lines.length; i++) {
            String t = EditParser.stripEnd(lines[i]);
            if (t.equals(REPLACE)) {
                return i + 1;
            }
            if (t.equals(SEARCH) || t.equals(DELETE)) {
                return i;
            }
        }
        return lines.length;
    }

    private void finish(String path, List<String> search, List<String> replace) {
        if (path == null) {
            return;
        }
        if (search.isEmpty()) {
            edits.add(FileEdit.create(block, path, EditParser.joinLines(replace)));
        } else {
            edits.add(FileEdit.modify(block, path,
                    List.of(new Hunk(EditParser.joinLines(search), EditParser.joinLines(replace)))));
        }
    }
}
