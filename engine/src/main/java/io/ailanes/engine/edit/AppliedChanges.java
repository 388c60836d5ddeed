package io.ailanes.engine.edit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an applied change set did: the files changed (sorted by path) and the unified diff of all of them,
 * the content of {@value #PATCH_FILE}. Files an edit left byte-for-byte unchanged are not listed.
 */
public record AppliedChanges(List<AppliedFile> files, String patch) implements java.io.Serializable {

    public static final String PATCH_FILE = "changes.patch";

    public AppliedChanges {
        files = List.copyOf(files);
    }

    public int linesAdded() {
        return files.stream().mapToInt(AppliedFile::linesAdded).sum();
    }

    public int linesRemoved() {
        return files.stream().mapToInt(AppliedFile::linesRemoved).sum();
    }

    /** Writes {@value #PATCH_FILE} (UTF-8) into {@code dir}, typically the run directory, not the workspace. */
    public Path writePatch(Path dir) throws IOException {
        return Files.write(dir.resolve(PATCH_FILE), patch.getBytes(StandardCharsets.UTF_8));
    }
}
