package io.ailanes.cli;

import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.edit.LocalWorkspace;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.review.Review;
import io.ailanes.engine.review.Reviewer;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.StreamProgress;
import io.ailanes.engine.workflow.ChangeWorkflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The whole change: plan, implement with gates, review, reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Plan (reasoning lane), implement with gates and fix rounds (execution lane), review (another "
            + "family), then write the reports. Exit 1 when the gates still fail or the review fails "
            + "--fail-on; exit 5 when the risk class holds the change for approval (see ai-lanes apply).")
final class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Mixin
    TaskOptions task;

    @Mixin
    ImplementOptions implement;

    @Mixin
    WorkspaceOption workspaceOption;

    @Mixin
    RiskOption risk;

    @Option(names = "--no-review", description = "Stop after implement.")
    boolean noReview;

    @Option(names = "--fail-on", defaultValue = "high", description = "high, medium, low or never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--base", paramLabel = "REF",
            description = "Review the diff against this git ref (default: the change implement made).")
    String base;

    @Option(names = "--review-max-tokens", defaultValue = "" + Reviewer.Request.DEFAULT_MAX_OUTPUT_TOKENS,
            description = "The review's output cap (default: ${DEFAULT-VALUE}).")
    int reviewMaxTokens;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    AiLanes parent;

    @Override
    public Integer call() throws IOException {
        Path workspace = workspaceOption.directory();
        FailOn threshold = FailOn.of(failOn);
        var planRequest = task.request(workspace);
        implement.check(); // bad implement options fail before the plan spends any money
        run.config();
        // Before the run opens: the class's allowedRegions narrow the configuration it opens with.
        io.ailanes.engine.riskpolicy.RiskPolicy riskPolicy = risk.policy(run);
        AiLanesConfig config = run.effectiveConfig();
        try (FileLedgerStore store = FileLedgerStore.open(run.ledgerFile(parent.environment()));
                AiRun aiRun = run.open(config, parent, store, spec.commandLine().getErr())) {
            Redactor redactor = parent.redactor(aiRun);
            LocalWorkspace local = new LocalWorkspace(workspace);
            ChangeWorkflow.Outcome outcome = new ChangeWorkflow(aiRun, redactor, local,
                    ImplementOptions.executor(config, aiRun, parent.environment(), redactor, local.root()), riskPolicy)
                    .run(planRequest, plan -> implement.request(plan.plan(), plan.sha256(), config.policy()), !noReview, threshold,
                            reviewMaxTokens, base == null ? null : done -> GitDiff.of(workspace, base), run.out,
                            StreamProgress.of(aiRun, "run"), Cancellation.none(), "ai-lanes run");
            Story.print(spec.commandLine().getOut(), outcome, run.out);
            if (!outcome.passed()) {
                return 1;
            }
            if (outcome.held() != null) {
                spec.commandLine().getOut().println(ApplyCommand.heldMessage(outcome.held(), run.out, workspace));
                return AiLanes.APPROVAL_REQUIRED;
            }
            return AiLanes.OK;
        }
    }
}
