package io.ailanes.cli;

import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.run.AiRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The plan step: the reasoning lane writes plan.json and plan.md. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Have the reasoning lane plan a change: writes plan.json (validated against the published",
            "schema) and plan.md to --out, with the plan's SHA-256."})
final class PlanCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--task", paramLabel = "TEXT", description = "The task.")
    String task;

    @Option(names = "--task-file", paramLabel = "FILE", description = "Read the task from a file.")
    Path taskFile;

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path workspace;

    @Option(names = "--context", paramLabel = "GLOB", split = ",", description = "Files to include, e.g. 'src/**'.")
    List<String> context = List.of();

    @Option(names = "--lane", defaultValue = "reasoning", description = "The lane (default: ${DEFAULT-VALUE}).")
    String lane;

    @Option(names = "--max-context-tokens", defaultValue = "60000", description = "Cap on task, map and files (default: ${DEFAULT-VALUE}).")
    int maxContextTokens;

    @Option(names = "--max-tokens", defaultValue = "8000", description = "Output cap (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    AiLanes parent;

    @Override
    public Integer call() throws IOException {
        String text = task != null ? task : taskFile != null ? Files.readString(taskFile) : null;
        if (task != null && taskFile != null) {
            throw new IllegalArgumentException("give the task either with --task or with --task-file, not both");
        }
        if (!Files.isDirectory(workspace)) {
            throw new IllegalArgumentException("--workspace " + workspace + " is not a directory");
        }
        AiLanesConfig config = run.config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (FileLedgerStore store = FileLedgerStore.open(run.ledgerFile(parent.environment()));
                AiRun aiRun = run.open(config, parent, store, err)) {
            Planner.Result result;
            try {
                result = new Planner(aiRun, parent.redactor(aiRun)).plan(
                        new Planner.Request(text, workspace, context, maxContextTokens, lane, maxTokens, Math.min(1000, maxTokens)),
                        run.out, CallListener.NONE, Cancellation.none());
            } finally {
                aiRun.writeReports("ai-lanes plan");
            }
            out.printf("plan: %s (%d files, %d steps)%n", result.planJson(), result.plan().files().size(),
                    result.plan().steps().size());
            out.printf("      %s%nsha256 %s%n", result.planMd(), result.sha256());
        }
        return AiLanes.OK;
    }
}
