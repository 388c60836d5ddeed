package io.ailanes.engine.edit;

import java.util.List;
import java.util.Objects;

/**
 * Every file edit of one model response, in response order. Nothing in it has been checked against a
 * workspace; {@link Workspace#apply} does that, all or nothing.
 */
public record ChangeSet(EditFormat format, List<FileEdit> edits) implements java.io.Serializable {

    public ChangeSet {
        Objects.requireNonNull(format, "format");
        edits = List.copyOf(edits);
    }

    public int size() {
        return edits.size();
    }
}
