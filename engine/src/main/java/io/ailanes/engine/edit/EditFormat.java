package io.ailanes.engine.edit;

import io.ailanes.engine.option.Choice;

/** How the execution lane writes its edits. The syntax of each is documented on {@link EditParser}. */
public enum EditFormat implements Choice {
    /** {@code <<<<<<< SEARCH / ======= / >>>>>>> REPLACE} blocks, each after a path line. The default. */
    SEARCH_REPLACE("search/replace blocks"),
    /** A unified diff ({@code --- a/x}, {@code +++ b/x}, {@code @@} hunks). */
    UNIFIED_DIFF("unified diff"),
    /** A path line followed by a fenced block holding the file's complete new content. */
    WHOLE_FILE("whole files");

    private final String label;

    EditFormat(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * The format written {@code text}.
     *
     * @param parameter the parameter's name where the text came from, for the message
     */
    public static EditFormat of(String text, String parameter) {
        return Choice.parse(EditFormat.class, text, parameter);
    }
}
