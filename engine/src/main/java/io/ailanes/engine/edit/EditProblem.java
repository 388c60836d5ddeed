package io.ailanes.engine.edit;

import java.util.Objects;

/**
 * One thing wrong with a model's edits that the model can fix: bad block syntax, or search text that does
 * not occur exactly once.
 *
 * @param block the 1-based block number, or 0 when the problem concerns the whole response
 * @param path the block's path as written, or {@code null} when unknown
 * @param reason what is wrong and what to do instead
 */
public record EditProblem(int block, String path, String reason) implements java.io.Serializable {

    public EditProblem {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        String where = block == 0 ? "response" : "block " + block;
        return path == null ? where + ": " + reason : where + " (" + path + "): " + reason;
    }
}
