package io.ailanes.engine.edit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Builds small workspaces for the edit tests. */
final class TestTree {

    private final Path root;

    TestTree(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    TestTree file(String rel, String content) {
        return bytes(rel, content.getBytes(StandardCharsets.UTF_8));
    }

    TestTree bytes(String rel, byte[] content) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestTree dir(String rel) {
        try {
            Files.createDirectories(root.resolve(rel));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A symbolic link at {@code rel} to {@code target}; skips the test if the file system refuses. */
    TestTree symlink(String rel, Path target) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, target);
            return this;
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("symbolic links not supported here: " + e);
            return this;
        }
    }

    /** A hard link at {@code rel} to the existing file {@code existing}; skips if refused. */
    TestTree hardLink(String rel, Path existing) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.createLink(p, existing);
            return this;
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("hard links not supported here: " + e);
            return this;
        }
    }

    String read(String rel) throws IOException {
        return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
    }

    /** True when any rollback or staging leftovers are in the tree. */
    boolean hasLeftovers() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(".ailanes-"));
        }
    }
}
