package io.ailanes.cli;

import io.ailanes.engine.edit.BoundedText;
import io.ailanes.engine.plan.Planner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** What to plan: the task, the files to read, the caps. Shared by {@code plan} and {@code run}. */
final class TaskOptions {

    @Option(names = "--task", paramLabel = "TEXT", description = "The task.")
    String task;

    @Option(names = "--task-file", paramLabel = "FILE", description = "Read the task from a file (UTF-8 text, at most 256 KiB).")
    Path taskFile;

    @Option(names = "--context", paramLabel = "GLOB", split = ",", description = "Files to include, e.g. 'src/**'.")
    List<String> context = List.of();

    @Option(names = "--plan-lane", defaultValue = "reasoning", description = "The planning lane (default: ${DEFAULT-VALUE}).")
    String lane;

    @Option(names = "--max-context-tokens", defaultValue = "" + Planner.Request.DEFAULT_MAX_CONTEXT_TOKENS,
            description = "Cap on task, map and files (default: ${DEFAULT-VALUE}).")
    int maxContextTokens;

    @Option(names = "--plan-max-tokens", defaultValue = "" + Planner.Request.DEFAULT_MAX_OUTPUT_TOKENS,
            description = "The plan's output cap (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    Planner.Request request(Path workspace) throws IOException {
        if (task != null && taskFile != null) {
            throw new IllegalArgumentException("give the task either with --task or with --task-file, not both");
        }
        String text = task != null ? task : taskFile != null
                ? BoundedText.read(taskFile, taskFile.toString(), Planner.MAX_TASK_BYTES) : null;
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no task: give it with --task TEXT or --task-file FILE");
        }
        return new Planner.Request(text, workspace, context, maxContextTokens, lane, maxTokens);
    }
}
