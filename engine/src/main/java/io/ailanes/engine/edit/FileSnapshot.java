package io.ailanes.engine.edit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The exact bytes of some workspace files at one moment, so a step can put them back byte for byte
 * ({@link Workspace#restore}). A path mapped to an empty optional did not exist.
 *
 * @param files normalised path to its bytes, or empty when the file was absent
 */
public record FileSnapshot(Map<String, Optional<byte[]>> files) implements Serializable {

    private static final long serialVersionUID = 1L;

    public FileSnapshot {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** This snapshot with the other's files added where this one has none: the earliest bytes win. */
    public FileSnapshot plusAbsent(FileSnapshot later) {
        TreeMap<String, Optional<byte[]>> merged = new TreeMap<>(later.files);
        merged.putAll(files);
        return new FileSnapshot(merged);
    }

    /** The paths whose bytes differ in {@code after} (a path missing from {@code after} counts as absent). */
    private List<String> changedIn(FileSnapshot after) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Optional<byte[]>> e : files.entrySet()) {
            Optional<byte[]> now = after.files.getOrDefault(e.getKey(), Optional.empty());
            if (e.getValue().isPresent() != now.isPresent()
                    || now.isPresent() && !Arrays.equals(e.getValue().get(), now.get())) {
                changed.add(e.getKey());
            }
        }
        return changed;
    }

    /**
     * What changed from this snapshot to {@code after}.
     *
     * @param files the paths that differ, sorted
     * @param patch the unified diff, file by file in path order, in the format of {@code changes.patch}; a file
     *        that is not UTF-8 text is noted rather than diffed
     * @param linesAdded lines added over all text files
     * @param linesRemoved lines removed over all text files
     */
    public record Diff(List<String> files, String patch, int linesAdded, int linesRemoved) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Diff {
            files = List.copyOf(files);
        }
    }

    /** The diff from this snapshot to {@code after} (a path missing from {@code after} counts as absent). */
    public Diff diffTo(FileSnapshot after) {
        List<String> changed = changedIn(after);
        StringBuilder patch = new StringBuilder();
        int added = 0;
        int removed = 0;
        for (String path : changed) {
            String old = files.get(path).map(TextRules::decode).orElse(null);
            String now = after.files.getOrDefault(path, Optional.empty()).map(TextRules::decode).orElse(null);
            boolean oldText = files.get(path).isEmpty() || old != null;
            boolean newText = after.files.getOrDefault(path, Optional.empty()).isEmpty() || now != null;
            if (!oldText || !newText) {
                patch.append("Binary files a/").append(path).append(" and b/").append(path).append(" differ\n");
                continue;
            }
            PatchWriter.FileDiff diff = PatchWriter.diff(path, old, now);
            patch.append(diff.text());
            added += diff.added();
            removed += diff.removed();
        }
        return new Diff(changed, patch.toString(), added, removed);
    }

    public static FileSnapshot empty() {
        return new FileSnapshot(Map.of());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FileSnapshot other) || !files.keySet().equals(other.files.keySet())) {
            return false;
        }
        for (Map.Entry<String, Optional<byte[]>> e : files.entrySet()) {
            Optional<byte[]> mine = e.getValue();
            Optional<byte[]> theirs = other.files.get(e.getKey());
            if (mine.isPresent() != theirs.isPresent() || mine.isPresent() && !Arrays.equals(mine.get(), theirs.get())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return files.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "FileSnapshot" + files.keySet();
    }

    /** {@link Optional} is not serializable: a snapshot travels (to and from a Jenkins agent) as this form. */
    private Object writeReplace() {
        TreeMap<String, byte[]> bytes = new TreeMap<>();
        files.forEach((path, content) -> bytes.put(path, content.orElse(null)));
        return new SerialForm(bytes);
    }

    /** @param files path to bytes, null for an absent file */
    private record SerialForm(TreeMap<String, byte[]> files) implements Serializable {

        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            Map<String, Optional<byte[]>> restored = new TreeMap<>();
            files.forEach((path, content) -> restored.put(path, Optional.ofNullable(content)));
            return new FileSnapshot(restored);
        }
    }
}
