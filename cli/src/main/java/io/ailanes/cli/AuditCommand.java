package io.ailanes.cli;

import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.audit.VerificationProblem;
import io.ailanes.engine.audit.VerificationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Audit log tools. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Work with audit.jsonl files.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Checks the hash chain: any edited, removed, reordered or inserted line is named. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check an audit log's hash chain; name every edited, removed, reordered or inserted line. Exit 0 "
            + "when intact, 1 when not.")
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The audit.jsonl to check.")
        Path file;

        @Option(names = "--head", paramLabel = "SHA256",
                description = "The head hash recorded elsewhere (e.g. by the Jenkins build): also catches lines cut off the end.")
        String head;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            VerificationResult result = head == null ? AuditVerifier.verify(file) : AuditVerifier.verify(file, head);
            PrintWriter out = spec.commandLine().getOut();
            if (result.ok()) {
                out.printf("%s: intact, %d lines, head %s%n", file, result.linesChecked(), result.headHash());
                return AiLanes.OK;
            }
            out.printf("%s: NOT intact (%d lines checked)%n", file, result.linesChecked());
            for (VerificationProblem problem : result.problems()) {
                out.println("  " + problem);
            }
            return 1;
        }
    }
}
