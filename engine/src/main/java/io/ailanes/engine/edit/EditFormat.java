package io.ailanes.engine.edit;

/** How the execution lane writes its edits. The syntax of each is documented on {@link EditParser}. */
public enum EditFormat {
    /** {@code <<<<<<< SEARCH / ======= / >>>>>>> REPLACE} blocks, each after a path line. The default. */
    SEARCH_REPLACE,
    /** A unified diff ({@code --- a/x}, {@code +++ b/x}, {@code @@} hunks). */
    UNIFIED_DIFF,
    /** A path line followed by a fenced block holding the file's complete new content. */
    WHOLE_FILE
}
