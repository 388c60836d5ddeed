package io.ailanes.engine.edit;

import java.util.List;
import java.util.Objects;

/**
 * One file's edit as the model wrote it. Paths are as written (validated only when applied, against the
 * real workspace). Exactly one of {@code hunks} (non-empty) and {@code content} (non-null) is set for
 * CREATE/MODIFY; DELETE has neither.
 *
 * <p>A MODIFY with {@code content} comes from the whole-file form and means "write this file": it creates
 * the file when it does not exist yet (see {@link EditParser}). Unified-diff hunks are carried as
 * {@link Hunk}s (context plus removed lines → context plus added lines), so every format is matched by the
 * same exactly-once rule.
 *
 * @param block the 1-based number of the block in the response, named in error messages
 * @param path the path as written, relative to the workspace root with {@code /} separators
 * @param kind what the edit does
 * @param hunks search/replace hunks in order, empty unless MODIFY by hunks
 * @param content complete new content with {@code \n} line breaks, or {@code null}
 */
public record FileEdit(int block, String path, EditKind kind, List<Hunk> hunks, String content) implements java.io.Serializable {

    public FileEdit {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        hunks = List.copyOf(hunks);
        boolean hasHunks = !hunks.isEmpty();
        boolean hasContent = content != null;
        switch (kind) {
            case CREATE -> require(!hasHunks && hasContent, "CREATE needs content and no hunks");
            case MODIFY -> require(hasHunks != hasContent, "MODIFY needs either hunks or content");
            case DELETE -> require(!hasHunks && !hasContent, "DELETE takes neither hunks nor content");
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    public static FileEdit create(int block, String path, String content) {
        return new FileEdit(block, path, EditKind.CREATE, List.of(), content);
    }

    public static FileEdit modify(int block, String path, List<Hunk> hunks) {
        return new FileEdit(block, path, EditKind.MODIFY, hunks, null);
    }

    /** Whole-file form: replaces the file, or creates it when missing. */
    public static FileEdit write(int block, String path, String content) {
        return new FileEdit(block, path, EditKind.MODIFY, List.of(), content);
    }

    public static FileEdit delete(int block, String path) {
        return new FileEdit(block, path, EditKind.DELETE, List.of(), null);
    }

    /** True for the whole-file form's "write this file" edit. */
    public boolean isWholeFile() {
        return kind == EditKind.MODIFY && content != null;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
