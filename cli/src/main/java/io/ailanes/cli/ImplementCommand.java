package io.ailanes.cli;

import io.ailanes.engine.audit.Sha256;
import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.edit.LocalWorkspace;
import io.ailanes.engine.edit.RecordingWorkspace;
import io.ailanes.engine.riskpolicy.Approvals;
import io.ailanes.engine.riskpolicy.HeldChange;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import java.util.Optional;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.PlanException;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.StreamProgress;
import io.ailanes.engine.steps.ImplementSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The implement step: the execution lane carries out a plan until the gates pass. */
@Command(name = "implement", mixinStandardHelpOptions = true,
        description = "Have the execution lane implement plan.json in the workspace: edits checked against the edit "
            + "policy and applied all or nothing, gates run after each round, failures sent back for fix "
            + "rounds, escalation when allowed. Writes changes.patch and gates.xml to --out. Exit 1 when the "
            + "gates still fail; exit 5 when the risk class holds the change for approval (the workspace is as "
            + "before; see ai-lanes apply).")
final class ImplementCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Mixin
    ImplementOptions implement;

    @Option(names = "--plan", paramLabel = "FILE", description = "The plan (default: plan.json in --out).")
    Path planFile;

    @Mixin
    WorkspaceOption workspaceOption;

    @Mixin
    RiskOption risk;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    AiLanes parent;

    @Override
    public Integer call() throws IOException {
        Path planPath = planFile != null ? planFile : run.out.resolve("plan.json");
        if (!Files.isRegularFile(planPath)) {
            throw new IllegalArgumentException("no plan at " + planPath + ": run `ai-lanes plan` first or give --plan FILE");
        }
        Path workspace = workspaceOption.directory();
        Plan plan;
        try {
            plan = Planner.read(planPath);
        } catch (PlanException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        run.config();
        // Before the run opens: the class's allowedRegions narrow the configuration it opens with.
        RiskPolicy riskPolicy = risk.policy(run);
        AiLanesConfig config = run.effectiveConfig();
        Implementer.Request request = implement.request(plan, Sha256.hex(Files.readAllBytes(planPath)), config.policy());
        PrintWriter out = spec.commandLine().getOut();
        try (FileLedgerStore store = FileLedgerStore.open(run.ledgerFile(parent.environment()));
                AiRun aiRun = run.open(config, parent, store, spec.commandLine().getErr())) {
            Redactor redactor = parent.redactor(aiRun);
            LocalWorkspace local = new LocalWorkspace(workspace);
            RecordingWorkspace recording = new RecordingWorkspace(local);
            Implementer.Result result;
            Optional<HeldChange> held;
            try {
                RiskPolicy.ImplementChoice choice = riskPolicy.implement(request.lane(), request.policy(), aiRun);
                riskPolicy.record(aiRun, choice.lane(), choice.decisions());
                request = request.withLane(choice.lane()).withPolicy(choice.policy());
                result = new Implementer(aiRun, redactor, recording,
                        ImplementOptions.executor(config, aiRun, parent.environment(), redactor, local.root()))
                        .implement(request, run.out, StreamProgress.of(aiRun, "implement"), Cancellation.none());
                held = Approvals.hold(aiRun, riskPolicy, recording, result, run.out);
            } finally {
                aiRun.writeReports("ai-lanes implement");
            }
            for (Implementer.Round round : result.rounds()) {
                out.printf("round %d (%s, %s): %s%n", round.number(), round.lane(), round.model(), round.outcome());
            }
            out.printf("%s; %s, %s%n", ImplementSummary.of(result, held.isPresent()).text(), result.patchFile(),
                    result.gatesXml());
            if (!result.passed()) {
                out.println(result.failure());
                return 1;
            }
            if (held.isPresent()) {
                out.println(ApplyCommand.heldMessage(held.get(), run.out, workspace));
                return AiLanes.APPROVAL_REQUIRED;
            }
            return AiLanes.OK;
        }
    }
}
