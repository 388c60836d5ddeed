package io.ailanes.cli;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditLog;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.edit.LocalWorkspace;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.riskpolicy.Approvals;
import io.ailanes.engine.riskpolicy.HeldChange;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.engine.run.AuditReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Applies a change its risk class held for approval, once a person approved it; audited. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply a change held for approval (exit 5 of implement or run) after a person approved it: the "
            + "patch must be the one the audit holds (same sha256), the workspace must still hold the files it was "
            + "made on; the approval is audited (APPROVED, with who and the sha256) and the reports rewritten.")
final class ApplyCommand implements Callable<Integer> {

    @Option(names = "--patch", paramLabel = "FILE", required = true,
            description = "The held changes.patch (approval.json beside it holds the exact bytes).")
    Path patch;

    @Option(names = "--approved-by", paramLabel = "WHO", required = true, description = "Who approved the change.")
    String approvedBy;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "The audit that holds the change (default: audit.jsonl beside the patch).")
    Path auditLog;

    @Mixin
    WorkspaceOption workspaceOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(patch)) {
            throw new IllegalArgumentException("no patch at " + patch);
        }
        Path audit = (auditLog != null ? auditLog : patch.toAbsolutePath().resolveSibling("audit.jsonl"))
                .toAbsolutePath();
        Path reports = audit.getParent() != null ? audit.getParent() : audit.getRoot();
        Approvals.Pending pending = Approvals.pending(audit);
        Approvals.Applied applied;
        try (AuditLog log = AuditLog.open(audit, AuditMode.HASHES, Redactor.of(), Clock.systemUTC())) {
            long[] number = {log.lastSeq()};
            applied = Approvals.apply(new LocalWorkspace(workspaceOption.directory()), patch, pending.patchSha256(),
                    approvedBy, (kind, message, attributes) -> {
                        Map<String, String> all = new LinkedHashMap<>(attributes);
                        all.put(AuditReports.EVENT, kind);
                        if (pending.riskClass() != null) {
                            all.put(RiskPolicy.ATTRIBUTE, pending.riskClass());
                        }
                        log.append(AuditEntry.builder()
                                .runId(pending.runId())
                                .callId(pending.runId() + "/approval-" + (number[0] + 1))
                                .step("implement")
                                .lane(pending.lane())
                                .outcome(AuditOutcome.SUCCEEDED)
                                .error(kind, null, message)
                                .attributes(all)
                                .build());
                    });
        }
        CostReport report = AuditReports.build(audit, PriceCatalog.bundled(), null, "ai-lanes apply");
        AuditReports.write(report, reports);
        report.calls().close();
        spec.commandLine().getOut().printf("applied %d file(s) approved by %s (patch sha256 %s); audited in %s%n",
                applied.files().size(), applied.approvedBy(), applied.patchSha256(), audit);
        return AiLanes.OK;
    }

    /** What implement and run print when the risk class holds the change: the paths, the class, how to apply. */
    static String heldMessage(HeldChange held, Path out, Path workspace) {
        return "APPROVAL REQUIRED: " + held.describe() + "\nThe workspace is as it was before the step. After approval:"
                + "\n  ai-lanes apply --patch " + out.resolve("changes.patch") + " --approved-by WHO"
                + (workspace.equals(Path.of(".")) ? "" : " --workspace " + workspace);
    }
}
