package io.ailanes.cli;

import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.audit.Sha256;
import io.ailanes.engine.edit.BoundedText;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.review.Reviewer;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.steps.ReviewSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The review step: a model of another family reviews the diff against the plan. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Review a change against its plan: writes review.json, review.sarif and review.xml. Exit 1 when "
            + "a finding reaches --fail-on.")
final class ReviewCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--plan", paramLabel = "FILE", required = true, description = "The plan.json to hold the change to.")
    Path planFile;

    @Option(names = "--diff", paramLabel = "FILE",
            description = "The change as a unified diff (e.g. changes.patch; UTF-8, at most 4 MiB).")
    Path diffFile;

    @Option(names = "--base", paramLabel = "REF", description = "Diff the workspace against this git ref instead.")
    String base;

    @Mixin
    WorkspaceOption workspaceOption;

    @Mixin
    RiskOption risk;

    @Option(names = "--implementer-family", paramLabel = "FAMILY",
            description = "The implementer's model family; the reviewer must be of another one.")
    String implementerFamily;

    @Option(names = "--fail-on", defaultValue = "high", description = "high, medium, low or never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--lane", defaultValue = "review", description = "The lane (default: ${DEFAULT-VALUE}).")
    String lane;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    AiLanes parent;

    @Override
    public Integer call() throws IOException {
        FailOn threshold = FailOn.of(failOn);
        if ((diffFile == null) == (base == null)) {
            throw new IllegalArgumentException("give the change either with --diff FILE or with --base REF");
        }
        Plan plan;
        try {
            plan = Planner.read(planFile);
        } catch (io.ailanes.engine.plan.PlanException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // the file given is wrong: a usage error
        }
        String planSha = Sha256.hex(Files.readAllBytes(planFile));
        String diff = diffFile != null ? BoundedText.read(diffFile, diffFile.toString(), Reviewer.MAX_DIFF_BYTES)
                : GitDiff.of(workspaceOption.directory(), base);
        PrintWriter out = spec.commandLine().getOut();
        run.config();
        // Before the run opens: the class's allowedRegions narrow the configuration it opens with.
        io.ailanes.engine.riskpolicy.RiskPolicy riskPolicy = risk.policy(run);
        io.ailanes.engine.config.AiLanesConfig config = run.effectiveConfig();
        try (FileLedgerStore store = FileLedgerStore.open(run.ledgerFile(parent.environment()));
                AiRun aiRun = run.open(config, parent, store, spec.commandLine().getErr())) {
            Reviewer.Result result;
            try {
                io.ailanes.engine.riskpolicy.RiskPolicy.ReviewChoice choice = riskPolicy.review(lane, threshold, true,
                        io.ailanes.engine.riskpolicy.RiskPolicy.changedPaths(diff));
                riskPolicy.record(aiRun, choice.lane(), choice.decisions());
                result = new Reviewer(aiRun, parent.redactor(aiRun)).review(new Reviewer.Request(plan, planSha, diff,
                        choice.lane(), implementerFamily, choice.failOn(), Reviewer.Request.DEFAULT_MAX_OUTPUT_TOKENS),
                        run.out, CallListener.NONE, Cancellation.none());
            } finally {
                aiRun.writeReports("ai-lanes review");
            }
            out.printf("review: %s%n", ReviewSummary.of(result).text());
            out.printf("        %s, %s%n", result.sarif(), result.junit());
            return result.failed() ? 1 : AiLanes.OK;
        }
    }
}
