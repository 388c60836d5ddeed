package io.ailanes.jenkins.agent;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.ailanes.engine.edit.AppliedChanges;
import io.ailanes.engine.edit.ChangeSet;
import io.ailanes.engine.edit.EditException;
import io.ailanes.engine.edit.EditParseException;
import io.ailanes.engine.edit.EditPolicy;
import io.ailanes.engine.edit.EditProblem;
import io.ailanes.engine.edit.EditRejectedException;
import io.ailanes.engine.edit.FileSnapshot;
import io.ailanes.engine.edit.LocalWorkspace;
import io.ailanes.engine.edit.PolicyViolation;
import io.ailanes.engine.edit.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * The engine's {@link Workspace} on a Jenkins workspace: every operation runs the engine's {@link LocalWorkspace} on
 * the agent that holds the files, through a file callable, so the path rules, the symbolic-link checks and the
 * all-or-nothing apply happen against the agent's real file system. Only plain values cross the channel.
 */
public final class AgentWorkspace implements Workspace {

    private final FilePath root;

    public AgentWorkspace(FilePath root) {
        this.root = root;
    }

    /** The agent's path, for messages; file access goes through the callables. */
    @Override
    public Path root() {
        return Path.of(root.getRemote());
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        return Optional.ofNullable(act(new ReadFile(path)));
    }

    @Override
    public List<String> listFiles() throws IOException {
        return act(new ListFiles());
    }

    @Override
    public AppliedChanges apply(ChangeSet changes, EditPolicy policy) throws EditException, IOException {
        Applied applied = act(new Apply(changes, policy));
        if (!applied.violations().isEmpty()) {
            throw new EditRejectedException(applied.violations());
        }
        if (!applied.problems().isEmpty()) {
            throw new EditParseException(applied.problems());
        }
        return applied.changes();
    }

    @Override
    public FileSnapshot snapshot(Collection<String> paths) throws IOException {
        return act(new Snapshot(new ArrayList<>(paths)));
    }

    @Override
    public void restore(FileSnapshot snapshot) throws IOException {
        act(new Restore(snapshot));
    }

    @Override
    public String checksum() throws IOException {
        return act(new Checksum());
    }

    private <T> T act(ControllerToAgentFileCallable<T> callable) throws IOException {
        try {
            return root.act(callable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while working in " + root.getRemote());
        }
    }

    /**
     * An apply's outcome as values: the engine's exceptions keep their details in transient fields, which would not
     * survive the channel, so they are taken apart on the agent and rebuilt here.
     */
    record Applied(AppliedChanges changes, ArrayList<PolicyViolation> violations, ArrayList<EditProblem> problems)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record ReadFile(String path) implements ControllerToAgentFileCallable<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            return new LocalWorkspace(f.toPath()).readFile(path).orElse(null);
        }
    }

    record ListFiles() implements ControllerToAgentFileCallable<ArrayList<String>> {
        private static final long serialVersionUID = 1L;

        @Override
        public ArrayList<String> invoke(File f, VirtualChannel channel) throws IOException {
            return new ArrayList<>(new LocalWorkspace(f.toPath()).listFiles());
        }
    }

    record Apply(ChangeSet changes, EditPolicy policy) implements ControllerToAgentFileCallable<Applied> {
        private static final long serialVersionUID = 1L;

        @Override
        public Applied invoke(File f, VirtualChannel channel) throws IOException {
            try {
                return new Applied(new LocalWorkspace(f.toPath()).apply(changes, policy), new ArrayList<>(),
                        new ArrayList<>());
            } catch (EditRejectedException e) {
                return new Applied(null, new ArrayList<>(e.violations()), new ArrayList<>());
            } catch (EditParseException e) {
                return new Applied(null, new ArrayList<>(), new ArrayList<>(e.problems()));
            } catch (EditException e) {
                throw new IOException("unexpected edit exception: " + e.getMessage(), e);
            }
        }
    }

    record Snapshot(ArrayList<String> paths) implements ControllerToAgentFileCallable<FileSnapshot> {
        private static final long serialVersionUID = 1L;

        @Override
        public FileSnapshot invoke(File f, VirtualChannel channel) throws IOException {
            return new LocalWorkspace(f.toPath()).snapshot(paths);
        }
    }

    record Restore(FileSnapshot snapshot) implements ControllerToAgentFileCallable<Void> {
        private static final long serialVersionUID = 1L;

        @Override
        public Void invoke(File f, VirtualChannel channel) throws IOException {
            new LocalWorkspace(f.toPath()).restore(snapshot);
            return null;
        }
    }

    record Checksum() implements ControllerToAgentFileCallable<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            return new LocalWorkspace(f.toPath()).checksum();
        }
    }
}
