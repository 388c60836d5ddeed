package io.ailanes.cli;

import io.ailanes.cli.demo.DemoScript;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.edit.LocalWorkspace;
import io.ailanes.engine.gate.Gate;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.Console;
import io.ailanes.engine.run.StreamProgress;
import io.ailanes.engine.workflow.ChangeWorkflow;
import io.ailanes.modelserver.ModelServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The first thing a newcomer runs: the whole workflow on a bundled sample project with a real bug and a failing
 * test, against scripted models on 127.0.0.1 that speak the real OpenAI and Anthropic wire formats.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run plan -> implement -> gates -> review -> report on a bundled sample project, against a local "
            + "scripted model server (no account or key needed). Everything but the models is real: edits, "
            + "gates (javac and the project's tests), prices, budgets, audit and reports.")
final class DemoCommand implements Callable<Integer> {

    static final String TASK = "Pager.pageCount drops the last, partial page: 11 items at 5 a page should be 3 pages,"
            + " and 1 item should be 1 page. Fix src/main/java/demo/Pager.java so PagerTest passes.";
    private static final String RESOURCES = "/io/ailanes/cli/demo/";
    /** The files of a previous demo run that this one replaces. */
    private static final List<String> ARTIFACTS = List.of("audit.jsonl", "cost.json", "report.html", "plan.json",
            "plan.md", "changes.patch", "gates.xml", "review.json", "review.sarif", "review.xml", "ai-lanes.yaml",
            "demo-ledger.jsonl", "demo-ledger.jsonl.lock");

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "ai-lanes",
            description = "Where the sample project copy and every artifact go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--budget", paramLabel = "USD", defaultValue = "2.00",
            description = "The run's budget cap (default: ${DEFAULT-VALUE}).")
    BigDecimal budget;

    @Option(names = "--suite",
            description = "Run the lane economics suite instead: four tasks of realistic shapes (a one-line fix, a "
                + "multi-file change with two fix rounds, an escalation, a review-only run) on a bundled project, "
                + "and print their cost under lanes, all-premium and all-cheap in one table.")
    boolean suite;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    AiLanes parent;

    @Override
    public Integer call() throws IOException {
        if (budget.signum() <= 0) {
            throw new IllegalArgumentException("--budget must be a positive amount of USD, was " + budget);
        }
        PrintWriter terminal = spec.commandLine().getOut();
        if (suite) {
            return DemoSuite.run(terminal, spec.commandLine().getErr(), out, budget, parent);
        }
        Files.createDirectories(out);
        for (String artifact : ARTIFACTS) {
            Files.deleteIfExists(out.resolve(artifact));
        }
        Path project = copyProject(out.resolve("demo-project"));
        terminal.println("AI Lanes demo. The MODELS ARE SCRIPTED: a local server on 127.0.0.1 answers in the real OpenAI and");
        terminal.println("Anthropic wire formats with prepared text. Everything else is real: the edit policy and atomic");
        terminal.println("apply, the gates (javac and the sample's tests), the price catalog, budgets, audit and reports.");
        terminal.println();
        terminal.println("Sample project (a copy, with a real bug and a failing test): " + project);
        terminal.println("Task: " + TASK);
        terminal.println();
        try (ModelServer provider = ModelServer.start(0, new DemoScript())) {
            Path configFile = out.resolve("ai-lanes.yaml");
            Files.writeString(configFile, config(provider), StandardCharsets.UTF_8);
            AiLanesConfig config = ConfigLoader.read(configFile);
            Console console = line -> {
                terminal.println(line);
                terminal.flush();
            };
            try (FileLedgerStore store = FileLedgerStore.open(out.resolve("demo-ledger.jsonl"));
                    AiRun run = AiRun.open(config, configFile, parent.secrets(), new AiRun.Options("demo#1", "demo", out,
                            budget, AuditMode.FULL, store, console, Clock.systemUTC()))) {
                Redactor redactor = parent.redactor(run);
                LocalWorkspace workspace = new LocalWorkspace(project);
                Planner.Request plan = new Planner.Request(TASK, project, List.of("src/**"), 20_000, null, 8_000, 1_000);
                ChangeWorkflow.Outcome outcome = new ChangeWorkflow(run, redactor, workspace,
                        ImplementOptions.executor(config, run, parent.environment(), redactor, workspace.root()))
                        .run(plan, planned -> Implementer.Request.of(planned.plan(), planned.sha256(), List.of(gate()))
                                        .withRounds(2, true),
                                true, FailOn.HIGH, 8_000, null, out, StreamProgress.of(run, "demo"),
                                Cancellation.none(), "ai-lanes demo (scripted models)");
                Story.print(terminal, outcome, out);
                nextSteps(terminal, configFile);
                return outcome.passed() ? AiLanes.OK : 1;
            }
        }
    }

    /** The sample's gate as a shell command on a machine with a JDK on the PATH (Jenkins agents, CI). */
    static final String SAMPLE_GATE = "javac -d build/classes src/main/java/demo/Pager.java src/test/java/demo/PagerTest.java"
            + " && java -cp build/classes demo.PagerTest";

    /** Compiles the sample and runs its tests with the JDK running this command, so a JDK is all it needs. */
    static Gate gate() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        String javac = "'" + bin.resolve("javac") + "'";
        String java = "'" + bin.resolve("java") + "'";
        return new Gate("test", javac + " -d build/classes src/main/java/demo/Pager.java src/test/java/demo/PagerTest.java"
                + " && " + java + " -cp build/classes demo.PagerTest", Duration.ofMinutes(5), "build/test-results/*.xml");
    }

    static String config(ModelServer provider) {
        return """
                # Written by `ai-lanes demo`: the same configuration a team uses, pointed at the local scripted server.
                # For real models, change baseUrl to the vendor's, add credentialsId (the environment variable that
                # holds the key), and run `ai-lanes run --provider-config this-file --task ...` in your repository.
                providers:
                  - id: anthropic
                    kind: anthropic
                    baseUrl: ANTHROPIC_BASE_URL
                  - id: deepseek
                    kind: openai
                    baseUrl: OPENAI_BASE_URL
                lanes:
                  - name: reasoning
                    models: [anthropic/claude-opus-4-6]
                  - name: execution
                    models: [deepseek/deepseek-flash]
                    escalateTo: reasoning
                  - name: review
                    models: [anthropic/claude-sonnet-4-6]
                """
                .replace("ANTHROPIC_BASE_URL", provider.anthropicBaseUrl())
                .replace("OPENAI_BASE_URL", provider.openAiBaseUrl()); // not formatted(): the file keeps \n line ends
    }

    private static void nextSteps(PrintWriter out, Path configFile) {
        out.println();
        out.println("The models above were scripted. To run the same workflow with real ones:");
        out.println("  1. Copy " + configFile + " and set each provider's baseUrl to the vendor's");
        out.println("     (https://api.anthropic.com, https://api.deepseek.com/v1, ...) and credentialsId to the name of");
        out.println("     the environment variable holding its key (e.g. credentialsId: ANTHROPIC_API_KEY).");
        out.println("  2. In your repository: bin/ai-lanes run --provider-config ai-lanes.yaml --task '...' \\");
        out.println("       --gate 'test=mvn -q test' --junit 'test=**/surefire-reports/*.xml' --budget 5");
        out.println("  A local Ollama works too: a provider with id: ollama, kind: openai, baseUrl: http://127.0.0.1:11434/v1,");
        out.println("  and each model given a price, since no model runs without one:");
        out.println("    models: [{ref: 'ollama/qwen3-coder:30b', price: {input: 0, output: 0}, family: qwen}]");
        out.println("  See docs/WORKFLOW.md and docs/PROVIDERS.md.");
    }

    /** Writes the bundled sample project to {@code target}, replacing what is there. */
    static Path copyProject(Path target) throws IOException {
        return copyProject(target, RESOURCES);
    }

    /** Writes the project bundled under {@code resources} ({@code project.files}, {@code project/}) to {@code target}. */
    static Path copyProject(Path target, String resources) throws IOException {
        if (Files.exists(target)) {
            deleteTree(target);
        }
        String index;
        try (InputStream in = DemoCommand.class.getResourceAsStream(resources + "project.files")) {
            if (in == null) {
                throw new IllegalStateException("the demo project is missing from the ai-lanes jar");
            }
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String file : index.lines().filter(l -> !l.isBlank()).toList()) {
            try (InputStream in = DemoCommand.class.getResourceAsStream(resources + "project/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("the demo project file " + file + " is missing from the ai-lanes jar");
                }
                Path dest = target.resolve(file);
                Path folder = dest.getParent();
                if (folder != null) {
                    Files.createDirectories(folder);
                }
                Files.write(dest, in.readAllBytes());
            }
        }
        return target.toAbsolutePath().normalize();
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot clear the previous demo project at " + root + ": " + e.getMessage(), e);
                }
            });
        }
    }
}
