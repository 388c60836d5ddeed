package io.ailanes.cli;

import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.audit.VerificationResult;
import io.ailanes.engine.config.PriceSetup;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.run.AuditReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Rebuilds cost.json and report.html from an audit log alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate cost.json and report.html from an audit.jsonl alone. Budgets show this run's spend "
            + "against the caps the audit recorded.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "AUDIT", description = "The audit.jsonl.")
    Path audit;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: the audit's folder).")
    Path out;

    @Option(names = "--provider-config", paramLabel = "FILE",
            description = "Include this configuration's prices (for the all-premium comparison).")
    Path configFile;

    @Option(names = "--title", defaultValue = "AI Lanes cost report", description = "The report's title.")
    String title;

    @Option(names = "--allow-unverified",
            description = "Write the reports even when the audit's hash chain does not verify; their title then says "
                + "NOT VERIFIED.")
    boolean allowUnverified;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(audit)) {
            throw new IllegalArgumentException("no audit log at " + audit);
        }
        PriceCatalog catalog = configFile == null
                ? PriceCatalog.bundled()
                : PriceSetup.catalog(ConfigLoader.read(configFile), configFile);
        // Figures from an edited audit would look as trustworthy as any: the chain is checked first.
        VerificationResult verified = AuditVerifier.verify(audit);
        String shownTitle = title;
        if (!verified.ok()) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("%s: NOT intact (%d lines checked)%n", audit, verified.linesChecked());
            verified.problems().forEach(problem -> err.println("  " + problem));
            if (!allowUnverified) {
                err.println("No report written: run `ai-lanes audit verify` to see what changed, or add "
                        + "--allow-unverified to write one marked NOT VERIFIED.");
                return 1;
            }
            shownTitle = "NOT VERIFIED: " + title;
        }
        Path dir = out != null ? out : audit.toAbsolutePath().getParent();
        if (dir == null) {
            throw new IllegalArgumentException("cannot write the report next to " + audit + ": give a folder with --out");
        }
        Files.createDirectories(dir);
        CostReport report = AuditReports.build(audit, catalog, null, shownTitle);
        AuditReports.write(report, dir);
        report.calls().close();
        spec.commandLine().getOut().printf("wrote %s and %s (%d attempts, %s)%n", dir.resolve("cost.json"),
                dir.resolve("report.html"), report.totals().attempts(), Money.usd(report.totals().costUsd()));
        return AiLanes.OK;
    }
}
