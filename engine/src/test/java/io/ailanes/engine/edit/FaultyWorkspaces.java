package io.ailanes.engine.edit;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Workspaces whose writes fail on cue, through the package's fault seam, for code outside this package that
 * must see a rollback happen: the benchmarks measure a 200-file apply that fails on its last file and
 * rolls every file back. Published in the engine's test jar, never in the engine itself.
 */
public final class FaultyWorkspaces {

    private FaultyWorkspaces() {
    }

    /**
     * A workspace at {@code root} whose every {@code n}-th file move fails with an {@link IOException}: a
     * change set of {@code n} files fails on its last move, after every other file is in place, so each
     * apply rolls all of them back. Not thread-safe: one thread applies at a time.
     */
    public static Workspace failingEveryNthMove(Path root, int n) throws IOException {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        int[] moves = {0};
        return new LocalWorkspace(root, new Transaction.FaultHook() {
            @Override
            public void beforeMove(Path target) throws IOException {
                if (++moves[0] % n == 0) {
                    throw new IOException("injected failure on move " + moves[0]);
                }
            }
        });
    }
}
