package io.ailanes.engine.edit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A workspace that remembers the bytes of every file before the first change set touching it: a step that must put the
 * workspace back exactly (a change held for approval) can do so from the outside, whatever the step did in between.
 */
public final class RecordingWorkspace implements Workspace {

    private final Workspace delegate;
    private FileSnapshot before = FileSnapshot.empty();

    public RecordingWorkspace(Workspace delegate) {
        this.delegate = delegate;
    }

    /** The bytes each touched file had before the first change set that touched it (absent ones included). */
    public synchronized FileSnapshot before() {
        return before;
    }

    @Override
    public Path root() {
        return delegate.root();
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        return delegate.readFile(path);
    }

    @Override
    public List<String> listFiles() throws IOException {
        return delegate.listFiles();
    }

    @Override
    public AppliedChanges apply(ChangeSet changes, EditPolicy policy) throws EditException, IOException {
        Set<String> paths = new LinkedHashSet<>();
        for (FileEdit edit : changes.edits()) {
            paths.add(edit.path());
        }
        synchronized (this) {
            // Before the write: a rejected change set leaves the files as they are, so recording them costs nothing.
            before = before.plusAbsent(delegate.snapshot(paths));
        }
        return delegate.apply(changes, policy);
    }

    @Override
    public FileSnapshot snapshot(Collection<String> paths) throws IOException {
        return delegate.snapshot(paths);
    }

    @Override
    public void restore(FileSnapshot snapshot) throws IOException {
        delegate.restore(snapshot);
    }

    @Override
    public String checksum() throws IOException {
        return delegate.checksum();
    }
}
