package io.ailanes.engine.edit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A directory the execution lane may change. Implementations enforce the {@link EditPolicy} on the real file
 * system and apply a change set all or nothing. The engine's {@link LocalWorkspace} needs only a
 * {@code java.nio.file.Path}, so the Jenkins plugin can run it on the agent.
 */
public interface Workspace {

    /** The workspace root, with symbolic links resolved. */
    Path root();

    /**
     * A text file's content, or empty when it does not exist. Refuses (with an {@link IOException}) paths the
     * edit policy's path rules refuse, links, and non-text files, so reading can never leave the workspace.
     */
    Optional<String> readFile(String path) throws IOException;

    /** Regular files under the root, as sorted {@code /}-separated paths; skips {@code .git} and links. */
    List<String> listFiles() throws IOException;

    /**
     * Checks every edit against the policy and the files, then writes all of them or none.
     *
     * @throws EditRejectedException when any edit breaks the policy (nothing written)
     * @throws EditParseException when an edit does not fit the files, e.g. search text missing or
     *         ambiguous (nothing written; send it back to the model)
     * @throws IOException when writing failed; every change has been rolled back
     */
    AppliedChanges apply(ChangeSet changes, EditPolicy policy) throws EditException, IOException;

    /**
     * The exact bytes of each path now (absent files included), for {@link #restore}. Paths the path rules refuse,
     * links and non-regular files are left out: no edit can have changed them.
     */
    FileSnapshot snapshot(Collection<String> paths) throws IOException;

    /**
     * Puts every file of the snapshot back byte for byte (deleting those that were absent), all or nothing;
     * files that already match are not touched.
     */
    void restore(FileSnapshot snapshot) throws IOException;

    /** SHA-256 over every entry's path, type and bytes or link target; equal before and after = unchanged. */
    default String checksum() throws IOException {
        return WorkspaceChecksum.of(root());
    }
}
