package io.ailanes.engine.edit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Writes a set of file changes all or nothing. New contents go to temporary files in their target
 * directories first; then each original is renamed aside to a backup and the temporary renamed into place
 * (atomic renames within one directory). Any failure undoes every step in reverse: installed files removed,
 * backups renamed back (same inode, bytes, permissions and times), temporaries and created directories
 * deleted. Only after every step succeeded are the backups deleted.
 */
final class Transaction {

    /** Test seam: runs before each file is staged and before each is moved into place; may fail. */
    interface FaultHook {
        FaultHook NONE = new FaultHook() { };

        default void beforeStage(Path target) throws IOException {
        }

        default void beforeMove(Path target) throws IOException {
        }
    }

    /** One file's change: {@code bytes == null} deletes it; {@code existed} says whether it is there now. */
    record Step(Path target, byte[] bytes, boolean existed) {
    }

    private final FaultHook hook;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final List<Path> backups = new ArrayList<>();

    Transaction(FaultHook hook) {
        this.hook = hook;
    }

    void run(List<Step> steps) throws IOException {
        try {
            List<Path> temps = new ArrayList<>();
            for (Step s : steps) {
                temps.add(s.bytes() == null ? null : stage(s));
            }
            for (int i = 0; i < steps.size(); i++) {
                install(steps.get(i), temps.get(i));
            }
        } catch (IOException | RuntimeException | Error e) {
            rollback(e);
            throw e;
        }
        for (Path b : backups) {
            try {
                Files.deleteIfExists(b);
            } catch (IOException e) {
                // Past the commit point: every change has landed; a leftover backup is junk, not a half change.
            }
        }
    }

    private Path stage(Step s) throws IOException {
        hook.beforeStage(s.target());
        Path dir = parentOf(s.target());
        createDirectories(dir);
        // Not createTempFile: that makes the file 0600, and a created file should get the usual umask mode.
        Path temp = dir.resolve(uniqueName(".tmp"));
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            undo.push(() -> deleteQuietly(temp));
            out.write(s.bytes());
        }
        if (s.existed()) {
            copyPermissions(s.target(), temp);
        }
        return temp;
    }

    private void install(Step s, Path temp) throws IOException {
        Path target = s.target();
        hook.beforeMove(target);
        if (s.existed()) {
            Path backup = parentOf(target).resolve(uniqueName(".bak"));
            if (Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(backup.toString());
            }
            move(target, backup);
            backups.add(backup);
            undo.push(() -> moveQuietly(backup, target));
        } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "appeared while the change set was applied");
        }
        if (temp != null) {
            move(temp, target);
            undo.push(() -> deleteQuietly(target));
        }
    }

    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createDirectories(parentOf(dir));
        Files.createDirectory(dir);
        undo.push(() -> deleteQuietly(dir));
    }

    /** Every target lies inside a workspace folder, so it has a parent; a root would be a caller's bug. */
    private static Path parentOf(Path path) throws IOException {
        Path parent = path.getParent();
        if (parent == null) {
            throw new IOException(path + " has no parent folder to write into");
        }
        return parent;
    }

    private void rollback(Throwable cause) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static String uniqueName(String suffix) {
        return ".ailanes-" + UUID.randomUUID() + suffix;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (src != null) {
            Files.setPosixFilePermissions(to, src.readAttributes().permissions());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("rollback could not delete " + p, e);
        }
    }

    private static void moveQuietly(Path from, Path to) {
        try {
            move(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("rollback could not restore " + to, e);
        }
    }
}
