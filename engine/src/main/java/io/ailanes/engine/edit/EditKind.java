package io.ailanes.engine.edit;

/** What an edit does to its file. */
public enum EditKind {
    /** The file must not exist; it is created with the edit's content. */
    CREATE,
    /** The file must exist as a regular text file; it is changed by hunks or replaced by content. */
    MODIFY,
    /** The file must exist as a regular text file; it is removed. */
    DELETE
}
