package io.ailanes.engine.edit;

/**
 * One file an applied change set changed.
 *
 * @param path normalised path relative to the workspace root
 * @param kind what happened to it (a whole-file write of a missing file is reported as CREATE)
 * @param linesAdded lines added
 * @param linesRemoved lines removed
 * @param bytes size of the new content; 0 for a deleted file
 */
public record AppliedFile(String path, EditKind kind, int linesAdded, int linesRemoved, long bytes) implements java.io.Serializable {
}
