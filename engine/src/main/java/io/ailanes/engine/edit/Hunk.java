package io.ailanes.engine.edit;

import java.util.Objects;

/**
 * One exact replacement: {@code search} must occur exactly once in the original file and is replaced by
 * {@code replace}. Both use {@code \n} line breaks; every line of a block section ends with {@code \n}, so
 * a hunk replaces whole lines.
 *
 * @param search the exact text to find; never empty inside a MODIFY edit
 * @param replace the text that takes its place
 */
public record Hunk(String search, String replace) implements java.io.Serializable {

    public Hunk {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(replace, "replace");
    }

    /** The first line of the search text, for error messages the model can act on. */
    public String firstSearchLine() {
        int nl = search.indexOf('\n');
        String line = nl < 0 ? search : search.substring(0, nl);
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
