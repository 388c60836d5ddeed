package io.ailanes.cli;

import io.ailanes.cli.demo.SuiteScript;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.Sha256;
import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.edit.LocalWorkspace;
import io.ailanes.engine.gate.Gate;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.report.FixRounds;
import io.ailanes.engine.report.ReportCall;
import io.ailanes.engine.report.WhatIf;
import io.ailanes.engine.review.Review;
import io.ailanes.engine.review.Reviewer;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.AuditReports;
import io.ailanes.engine.run.Console;
import io.ailanes.engine.run.StreamProgress;
import io.ailanes.engine.simulate.Alternative;
import io.ailanes.engine.simulate.RoutingSimulator;
import io.ailanes.engine.workflow.ChangeWorkflow;
import io.ailanes.modelserver.ModelServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ai-lanes demo --suite}: the lane economics suite. Four tasks of realistic shapes on a bundled order-pricing
 * project ({@code suite/project}), each a run of its own against a fresh scripted server (so no prompt cache
 * carries over from one task to the next), with real gates ({@code javac} and the task's test) and the bundled
 * catalog's prices. The table is computed from each task's audit alone: costs under lanes, all-premium and all-cheap
 * by {@link RoutingSimulator}, fix-round cache shares by the report builder ({@link AuditReports}).
 */
final class DemoSuite {

    /** Rounds per lane for every task (the first round counts); the execution lane escalates to the reasoning lane. */
    static final int ROUNDS = 3;
    static final String RESOURCES = "/io/ailanes/cli/demo/suite/";
    static final String HEADER = "== Suite: cost per task";

    /**
     * A task of the suite.
     *
     * @param id the folder of its answers under {@code suite/script/} and of its output under {@code --out}
     * @param label the table's name for it
     * @param task the task text the plan step gets (null for a review-only run)
     * @param context the plan step's context globs
     * @param test the test class its gate runs (null for a review-only run)
     */
    record Task(String id, String label, String task, List<String> context, String test) {

        boolean reviewOnly() {
            return test == null;
        }

        Gate gate() {
            return new Gate("test", "sh test.sh " + test, Duration.ofMinutes(5), "build/test-results/*.xml");
        }
    }

    static final List<Task> TASKS = List.of(
            new Task("one-line-fix", "(a) one-line fix",
                    "Money.format drops the leading zero of the cents: 305 cents print as $3.5 and 7 cents as $0.7."
                            + " Fix src/main/java/shop/Money.java so MoneyFormatTest passes.",
                    List.of("src/main/java/shop/Money.java", "src/test/java/shop/MoneyFormatTest.java"), "MoneyFormatTest"),
            new Task("multi-file", "(b) multi-file change",
                    "Add bulk discount tiers per line: 10 to 49 units of a line get 5% off the line, 50 or more get 10%"
                            + " off, before the order discount; the invoice names the tier on the line (\"bulk 5%\")."
                            + " BulkDiscountTest describes the rules.",
                    List.of("src/main/java/shop/**", "src/test/java/shop/BulkDiscountTest.java"), "BulkDiscountTest"),
            new Task("escalation", "(c) escalation",
                    "The lines' taxes on an invoice do not add up to the order's tax: three lines of $0.35 in de get 7"
                            + " cents each, 21 against 20. Make Tax.allocate follow the rule its Javadoc states so"
                            + " TaxAllocationTest passes.",
                    List.of("src/main/java/shop/**", "src/test/java/shop/TaxAllocationTest.java"), "TaxAllocationTest"),
            new Task("review-only", "(d) review only", null, List.of(), null));

    /** What one task did, from its run. */
    record Outcome(Task task, Path out, int rounds, boolean escalated, boolean passed, String summary) {

        Path audit() {
            return out.resolve("audit.jsonl");
        }
    }

    /**
     * One row of the table, every figure from the task's audit: costs by the simulator, cache by the report.
     *
     * @param lanesUsd what the run paid (its audit's recorded costs)
     * @param fixInput input tokens of the implement fix rounds (round 2 on)
     * @param fixCached of those, read from the prompt cache
     */
    record Row(String label, int rounds, int escalations, String result, BigDecimal lanesUsd, BigDecimal premiumUsd,
            BigDecimal cheapUsd, long fixInput, long fixCached) {

        /** 100 x (lanes - premium) / premium, one place: negative when the lanes cost less. */
        String versusPremium() {
            return percent(lanesUsd.subtract(premiumUsd), premiumUsd);
        }

        String cache() {
            return fixInput == 0 ? "no fix round"
                    : percent(BigDecimal.valueOf(fixCached), BigDecimal.valueOf(fixInput)).replace("+", "") + " of "
                            + String.format(java.util.Locale.ROOT, "%,d", fixInput);
        }
    }

    /** The table and the premium and cheap models its alternatives resolved to. */
    record Table(List<Row> rows, Row total, String premium, String cheap, String catalogDate, List<WhatIf.Line> byStep,
            List<WhatIf.Line> byStepCheap, Map<String, Usage> fixRoundsByLane) {}

    private DemoSuite() {}

    static int run(PrintWriter out, PrintWriter err, Path outDir, BigDecimal budget, AiLanes parent) throws IOException {
        Files.createDirectories(outDir);
        Path suiteDir = outDir.resolve("suite");
        if (Files.exists(suiteDir)) {
            DemoCommand.deleteTree(suiteDir);
        }
        out.println("AI Lanes lane economics suite. The MODELS ARE SCRIPTED: a local server on 127.0.0.1 answers in the");
        out.println("real OpenAI and Anthropic wire formats with prepared text and reports usage and prompt-cache reads as");
        out.println("the real services do. So this measures COST AND PLUMBING, NOT MODEL QUALITY: what the lanes cost");
        out.println("against all-premium and all-cheap for the same token volumes. Everything else is real: edits, gates");
        out.println("(javac and each task's test), the price catalog, budgets, audit and reports.");
        out.println("Progress goes to stderr; each task writes its artifacts under " + suiteDir + ".");
        out.println();
        List<Outcome> outcomes = new ArrayList<>();
        for (Task task : TASKS) {
            Outcome outcome = runTask(task, suiteDir.resolve(task.id()), budget, parent, err);
            out.printf("%-22s %s%n", task.label(), outcome.summary());
            out.flush();
            outcomes.add(outcome);
        }
        Table table = table(outcomes);
        out.println();
        print(out, table);
        out.println();
        out.println("Each task's cost.json, report.html and audit.jsonl are in its folder; `ai-lanes simulate " + suiteDir
                + " --routing all-cheap` re-prices them all.");
        boolean passed = outcomes.stream().allMatch(Outcome::passed);
        out.println(passed ? "Result: PASSED" : "Result: FAILED");
        return passed ? AiLanes.OK : 1;
    }

    private static Outcome runTask(Task task, Path out, BigDecimal budget, AiLanes parent, PrintWriter err)
            throws IOException {
        Files.createDirectories(out);
        Path project = DemoCommand.copyProject(out.resolve("project"), RESOURCES);
        SuiteScript script = SuiteScript.of(task.id());
        try (ModelServer provider = ModelServer.start(0, script)) {
            Path configFile = out.resolve("ai-lanes.yaml");
            Files.writeString(configFile, config(provider), StandardCharsets.UTF_8);
            AiLanesConfig config = ConfigLoader.read(configFile);
            Console console = line -> {
                err.println("[" + task.id() + "] " + line);
                err.flush();
            };
            String title = "ai-lanes demo --suite " + task.label() + " (scripted models)";
            try (FileLedgerStore store = FileLedgerStore.open(out.resolve("demo-ledger.jsonl"));
                    AiRun run = AiRun.open(config, configFile, parent.secrets(), new AiRun.Options(
                            "demo-suite#" + task.id(), "demo-suite", out, budget, AuditMode.FULL, store, console,
                            Clock.systemUTC()))) {
                Redactor redactor = parent.redactor(run);
                if (task.reviewOnly()) {
                    Path planFile = out.resolve("plan.json");
                    Files.writeString(planFile, script.resource("plan.json"), StandardCharsets.UTF_8);
                    Plan plan = Planner.read(planFile);
                    Reviewer.Result reviewed;
                    try {
                        reviewed = new Reviewer(run, redactor).review(new Reviewer.Request(plan,
                                Sha256.hex(Files.readAllBytes(planFile)), script.resource("change.diff"), null, null,
                                FailOn.HIGH, Reviewer.Request.DEFAULT_MAX_OUTPUT_TOKENS), out,
                                StreamProgress.of(run, task.id()), Cancellation.none());
                    } finally {
                        run.writeReports(title);
                    }
                    Review review = reviewed.review();
                    return new Outcome(task, out, 0, false, !reviewed.failed(), String.format(
                            "review %s: %s, %s (fails on high)", reviewed.model(), review.verdict(), review.counts()));
                }
                LocalWorkspace workspace = new LocalWorkspace(project);
                Planner.Request plan = new Planner.Request(task.task(), project, task.context(), 20_000, null, 8_000, 1_000);
                ChangeWorkflow.Outcome outcome = new ChangeWorkflow(run, redactor, workspace,
                        ImplementOptions.executor(config, run, gateEnvironment(parent.environment()), redactor,
                                workspace.root()))
                        .run(plan, planned -> Implementer.Request.of(planned.plan(), planned.sha256(), List.of(task.gate()))
                                        .withRounds(ROUNDS, true),
                                true, FailOn.HIGH, 8_000, null, out, StreamProgress.of(run, task.id()),
                                Cancellation.none(), title);
                Implementer.Result implemented = outcome.implement();
                int rounds = implemented == null ? 0 : implemented.rounds().size();
                boolean escalated = implemented != null && implemented.escalated();
                String summary = implemented == null ? "stopped before implement: " + outcome.failure()
                        : rounds + " round(s) " + lanes(implemented) + ", gates " + (implemented.passed() ? "passed" : "FAILED")
                                + (outcome.review() == null ? ""
                                        : "; review " + outcome.review().review().verdict());
                return new Outcome(task, out, rounds, escalated, outcome.passed(), summary);
            }
        }
    }

    /**
     * The demo's configuration with a second reviewer of another family: after an escalation the implementer is the
     * reasoning lane's Anthropic model, and the review lane must not be of the implementer's family.
     */
    static String config(ModelServer provider) {
        return """
                # Written by `ai-lanes demo --suite`: the demo's lanes, pointed at the local scripted server, with a
                # reviewer of a third family for changes the reasoning lane (Anthropic) finished after an escalation.
                providers:
                  - id: anthropic
                    kind: anthropic
                    baseUrl: ANTHROPIC_BASE_URL
                  - id: deepseek
                    kind: openai
                    baseUrl: OPENAI_BASE_URL
                  - id: openai
                    kind: openai
                    baseUrl: OPENAI_BASE_URL
                lanes:
                  - name: reasoning
                    models: [anthropic/claude-opus-4-6]
                  - name: execution
                    models: [deepseek/deepseek-flash]
                    escalateTo: reasoning
                  - name: review
                    models: [anthropic/claude-sonnet-4-6, openai/gpt-5.4]
                """
                .replace("ANTHROPIC_BASE_URL", provider.anthropicBaseUrl())
                .replace("OPENAI_BASE_URL", provider.openAiBaseUrl()); // not formatted(): the file keeps \n line ends
    }

    /** "(1 execution)", "(3 execution, 1 reasoning)": the rounds per lane, in order. */
    private static String lanes(Implementer.Result implemented) {
        List<String> parts = new ArrayList<>();
        String lane = null;
        int count = 0;
        for (Implementer.Round round : implemented.rounds()) {
            if (!round.lane().equals(lane) && lane != null) {
                parts.add(count + " " + lane);
                count = 0;
            }
            lane = round.lane();
            count++;
        }
        if (lane != null) {
            parts.add(count + " " + lane);
        }
        return "(" + String.join(", ", parts) + ")";
    }

    /**
     * The host's environment with the JDK running this command first on the PATH, so the gates' plain
     * {@code javac} and {@code java} are that JDK and the gate command (which the feedback quotes) is the same text
     * on every machine.
     */
    static Map<String, String> gateEnvironment(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        String jdk = Path.of(System.getProperty("java.home"), "bin").toString();
        String path = env.get("PATH");
        env.put("PATH", path == null || path.isBlank() ? jdk : jdk + java.io.File.pathSeparator + path);
        return env;
    }

    /** The table, from the tasks' audits alone. */
    static Table table(List<Outcome> outcomes) throws IOException {
        PriceCatalog catalog = PriceCatalog.bundled();
        String label = "the bundled catalog";
        List<Path> audits = outcomes.stream().map(Outcome::audit).toList();
        // all-cheap's pick (the cheapest model the runs used, for their own token mix) is made once over the suite.
        WhatIf suite = RoutingSimulator.load(audits)
                .simulate(List.of(Alternative.parse("all-premium"), Alternative.parse("all-cheap")), catalog, label, List.of());
        List<Alternative> resolved = List.of(Alternative.parse(suite.alternatives().get(0).spec()),
                Alternative.parse(suite.alternatives().get(1).spec()));
        List<Row> rows = new ArrayList<>();
        int rounds = 0;
        int escalations = 0;
        int passed = 0;
        long fixInput = 0;
        long fixCached = 0;
        Map<String, Usage> byLane = new java.util.LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            WhatIf whatIf = RoutingSimulator.load(List.of(outcome.audit())).simulate(resolved, catalog, label, List.of());
            CostReport report = AuditReports.build(outcome.audit(), catalog, null, outcome.task().label());
            FixRounds.RoundShare fix = report.fixRounds() == null ? null : report.fixRounds().overall();
            for (ReportCall call : report.calls()) {
                if ("implement".equals(call.step()) && call.round() != null && call.round() >= 2) {
                    byLane.merge(call.lane(), call.usage(), Usage::plus);
                }
            }
            long input = fix == null ? 0 : fix.totalInputTokens();
            long cached = fix == null ? 0 : fix.cacheReadTokens();
            rows.add(new Row(outcome.task().label(), outcome.rounds(), outcome.escalated() ? 1 : 0,
                    outcome.passed() ? "passed" : "FAILED", whatIf.paidUsd(), whatIf.alternatives().get(0).totalUsd(),
                    whatIf.alternatives().get(1).totalUsd(), input, cached));
            rounds += outcome.rounds();
            escalations += outcome.escalated() ? 1 : 0;
            passed += outcome.passed() ? 1 : 0;
            fixInput += input;
            fixCached += cached;
        }
        Row total = new Row("total", rounds, escalations, passed + "/" + outcomes.size() + " passed", suite.paidUsd(),
                suite.alternatives().get(0).totalUsd(), suite.alternatives().get(1).totalUsd(), fixInput, fixCached);
        return new Table(rows, total, model(suite.alternatives().get(0).spec()), model(suite.alternatives().get(1).spec()),
                suite.catalogDate(), suite.alternatives().get(0).byStep(), suite.alternatives().get(1).byStep(), byLane);
    }

    private static String model(String spec) {
        return spec.substring(spec.indexOf('=') + 1);
    }

    static void print(PrintWriter out, Table table) {
        out.println(HEADER + " (scripted models: cost and plumbing, not model quality)");
        out.printf("%-22s %6s %11s  %-14s %10s %11s %8s %10s  %s%n", "task", "rounds", "escalations", "result", "lanes",
                "all-premium", "lanes vs", "all-cheap", "fix-round input from cache");
        for (Row row : table.rows()) {
            line(out, row);
        }
        line(out, table.total());
        out.printf("%-22s %35s %11s %8s %10s%n", "by step, whole suite", "lanes", "all-premium", "lanes vs", "all-cheap");
        for (WhatIf.Line step : table.byStep()) {
            BigDecimal cheap = table.byStepCheap().stream().filter(l -> l.name().equals(step.name()))
                    .map(WhatIf.Line::simulatedUsd).findFirst().orElseThrow();
            out.printf("%-22s %35s %11s %8s %10s%n", "  " + step.name(), Money.usd(step.paidUsd()),
                    Money.usd(step.simulatedUsd()), percent(step.paidUsd().subtract(step.simulatedUsd()), step.simulatedUsd()),
                    Money.usd(cheap));
        }
        List<String> lanes = new ArrayList<>();
        table.fixRoundsByLane().forEach((lane, usage) -> lanes.add(lane + " lane "
                + percent(BigDecimal.valueOf(usage.cacheReadTokens()), BigDecimal.valueOf(usage.totalInputTokens()))
                        .replace("+", "")
                + " of " + String.format(java.util.Locale.ROOT, "%,d", usage.totalInputTokens())
                + (usage.cacheWriteTokens() + usage.cacheWrite1hTokens() == 0 ? ""
                        : " (" + String.format(java.util.Locale.ROOT, "%,d", usage.cacheWriteTokens()
                                + usage.cacheWrite1hTokens()) + " written to its cache)")));
        if (!lanes.isEmpty()) {
            out.println("fix-round input from cache by lane: " + String.join("; ", lanes) + ".");
        }
        out.printf("lanes: plan and escalation on the reasoning lane, implement on the execution lane, review on the review lane;%n");
        out.printf("all-premium: every billed attempt on %s; all-cheap: every billed attempt on %s.%n",
                table.premium(), table.cheap());
        out.printf("Costs by RoutingSimulator from each task's audit, same token counts, catalog of %s.%n", table.catalogDate());
    }

    private static void line(PrintWriter out, Row row) {
        out.printf("%-22s %6d %11d  %-14s %10s %11s %8s %10s  %s%n", row.label(), row.rounds(), row.escalations(),
                row.result(), Money.usd(row.lanesUsd()), Money.usd(row.premiumUsd()), row.versusPremium(),
                Money.usd(row.cheapUsd()), row.cache());
    }

    /** 100 x part / whole with one place and a sign, e.g. "-61.3%"; "n/a" when whole is zero. */
    static String percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return "n/a";
        }
        BigDecimal p = part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_EVEN);
        return (p.signum() > 0 ? "+" : "") + p.toPlainString() + "%";
    }
}
