package io.ailanes.engine.edit;

import java.util.List;
import java.util.Objects;

/**
 * Reads a model response into a {@link ChangeSet}. Nothing is guessed: anything that does not follow the
 * syntax below exactly is an {@link EditParseException} naming the block and the reason, meant to be sent
 * back to the model for one retry. Paths are not validated here; {@link Workspace#apply} does that against
 * the real file system.
 *
 * <p>Common to all forms: CRLF line breaks in the response are read as LF. A <em>path line</em> is the
 * file's path relative to the workspace root, with {@code /} separators, alone on its line, optionally in
 * one pair of backticks; paths containing whitespace cannot be written. Lines that are blank or fence lines
 * ({@code ```} or {@code ~~~}, with an optional language) around blocks are ignored, as is prose between
 * blocks, but the path line must be the last non-blank, non-fence line before its block.
 *
 * <h2>{@link EditFormat#SEARCH_REPLACE} (default)</h2>
 * <pre>
 * path/to/File.java
 * &lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH
 * exact lines from the file
 * =======
 * the lines that replace them
 * &gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE
 * </pre>
 * The markers must be alone on their lines (trailing spaces allowed). SEARCH holds whole lines that must
 * occur exactly once in the current file; they are replaced by the REPLACE lines. Several blocks may edit
 * one file; every block names its path, all of a file's blocks are matched against the original file and
 * must not overlap. An empty SEARCH section creates a new file whose content is the REPLACE section (the
 * file must not exist). A block may contain only one {@code =======} line: a second one makes the divider
 * ambiguous and is an error. To delete a file, write its path line followed by the single line
 * {@code <<<<<<< DELETE}.
 *
 * <h2>{@link EditFormat#WHOLE_FILE}</h2>
 * <pre>
 * path/to/File.java
 * ```java
 * the complete new content
 * ```
 * </pre>
 * The file is replaced, or created if it does not exist. The fence is three or more backticks or tildes
 * with an optional language; the block ends at the first line holding only at least as many of the same
 * character, so content containing {@code ```} lines needs a longer fence such as {@code ````}. Delete with
 * the path line followed by {@code <<<<<<< DELETE}.
 *
 * <h2>{@link EditFormat#UNIFIED_DIFF}</h2>
 * A unified diff ({@code diff --git} headers optional): {@code --- a/path} and {@code +++ b/path}, then
 * {@code @@ -l,n +l,n @@} hunks whose line counts must match the lines that follow. {@code --- /dev/null}
 * creates a file and {@code +++ /dev/null} deletes one. Hunk line numbers are not trusted: each hunk's
 * context and removed lines must occur exactly once in the file, like a SEARCH section. Renames, copies,
 * mode changes and binary patches are refused. Parsed with java-diff-utils after a strict check of every
 * hunk's line counts.
 */
public final class EditParser {

    /** Larger responses are refused outright; a change set that big is not a cheap-lane edit. */
    public static final int MAX_RESPONSE_CHARS = 16 * 1024 * 1024;

    static final String SEARCH = "<<<<<<< SEARCH";
    static final String DIVIDER = "=======";
    static final String REPLACE = ">>>>>>> REPLACE";
    static final String DELETE = "<<<<<<< DELETE";

    private EditParser() {
    }

    public static ChangeSet parse(String modelResponse, EditFormat format) throws EditParseException {
        Objects.requireNonNull(modelResponse, "modelResponse");
        Objects.requireNonNull(format, "format");
        if (modelResponse.length() > MAX_RESPONSE_CHARS) {
            throw new EditParseException(new EditProblem(0, null, "the response is longer than "
                    + MAX_RESPONSE_CHARS + " characters; split the change into smaller steps"));
        }
        String[] lines = modelResponse.replace("\r\n", "\n").split("\n", -1);
        List<FileEdit> edits = switch (format) {
            case SEARCH_REPLACE -> new SearchReplaceReader(lines).read();
            case WHOLE_FILE -> new WholeFileReader(lines).read();
            case UNIFIED_DIFF -> UnifiedDiffEditReader.read(lines);
        };
        return new ChangeSet(format, edits);
    }

    // ---- shared helpers for the readers ----

    static boolean isFence(String line) {
        String t = line.strip();
        return t.startsWith("```") || t.startsWith("~~~");
    }

    static String stripEnd(String line) {
        return line.stripTrailing();
    }

    /** Section lines as text: every line ends with {@code \n}; no lines is the empty string. */
    static String joinLines(List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    /**
     * The path on a path line, or a problem. {@code marker} names what follows, for the message.
     */
    static String pathOf(String line, int block, String marker, List<EditProblem> problems) {
        if (line == null) {
            problems.add(new EditProblem(block, null, "no path line before '" + marker
                    + "'; put the file's path alone on the line before it"));
            return null;
        }
        String p = line.strip();
        if (p.length() >= 2 && p.startsWith("`") && p.endsWith("`")) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.isEmpty() || p.chars().anyMatch(Character::isWhitespace) || p.indexOf('`') >= 0) {
            problems.add(new EditProblem(block, null, "the line before '" + marker
                    + "' must be the file's path alone, but it is '" + abbreviate(line.strip()) + "'"));
            return null;
        }
        return p;
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
