package io.ailanes.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The repository a command reads or changes. */
final class WorkspaceOption {

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path workspace;

    /** The directory, or a usage error naming it. */
    Path directory() {
        if (!Files.isDirectory(workspace)) {
            throw new IllegalArgumentException("--workspace " + workspace + " is not a directory");
        }
        return workspace;
    }
}
