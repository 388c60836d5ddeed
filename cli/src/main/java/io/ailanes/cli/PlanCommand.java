package io.ailanes.cli;

import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.StreamProgress;
import io.ailanes.engine.steps.PlanSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The plan step: the reasoning lane writes plan.json and plan.md. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Have the reasoning lane plan a change: writes plan.json (validated against the published "
            + "schema) and plan.md to --out, with the plan's SHA-256.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Mixin
    TaskOptions task;

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
        Path workspace = workspaceOption.directory();
        Planner.Request request = task.request(workspace);
        run.config();
        // Before the run opens: the class's allowedRegions narrow the configuration it opens with.
        io.ailanes.engine.riskpolicy.RiskPolicy riskPolicy = risk.policy(run);
        AiLanesConfig config = run.effectiveConfig();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (FileLedgerStore store = FileLedgerStore.open(run.ledgerFile(parent.environment()));
                AiRun aiRun = run.open(config, parent, store, err)) {
            Planner.Result result;
            try {
                io.ailanes.engine.riskpolicy.RiskPolicy.LaneChoice choice = riskPolicy.plan(request.lane(), request.contextGlobs());
                riskPolicy.record(aiRun, choice.lane(), choice.decisions());
                request = new Planner.Request(request.task(), request.workspace(), request.contextGlobs(),
                        request.maxContextTokens(), choice.lane(), request.maxOutputTokens(), request.floorOutputTokens());
                result = new Planner(aiRun, parent.redactor(aiRun)).plan(request, run.out,
                        StreamProgress.of(aiRun, "plan"), Cancellation.none());
                java.util.List<String> seen = new java.util.ArrayList<>(result.plan().paths());
                seen.addAll(result.contextFiles());
                var again = riskPolicy.replan(choice.lane(), seen);
                if (again.isPresent()) {
                    riskPolicy.record(aiRun, io.ailanes.engine.riskpolicy.RiskBundle.PREMIUM_LANE, java.util.List.of(again.get()));
                    request = new Planner.Request(request.task(), request.workspace(), request.contextGlobs(),
                            request.maxContextTokens(), io.ailanes.engine.riskpolicy.RiskBundle.PREMIUM_LANE,
                            request.maxOutputTokens(), request.floorOutputTokens());
                    result = new Planner(aiRun, parent.redactor(aiRun)).plan(request, run.out,
                            StreamProgress.of(aiRun, "plan"), Cancellation.none());
                }
            } finally {
                aiRun.writeReports("ai-lanes plan");
            }
            out.printf("plan: %s (%s)%n", result.planJson(), PlanSummary.of(result).text());
            out.printf("      %s%nsha256 %s%n", result.planMd(), result.sha256());
        }
        return AiLanes.OK;
    }
}
