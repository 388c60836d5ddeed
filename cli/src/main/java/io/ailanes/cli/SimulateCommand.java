package io.ailanes.cli;

import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.audit.VerificationResult;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.PriceSetup;
import io.ailanes.engine.price.CatalogFile;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.report.CostJsonWriter;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.report.WhatIf;
import io.ailanes.engine.run.AuditReports;
import io.ailanes.engine.simulate.Alternative;
import io.ailanes.engine.simulate.RoutingSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Replays recorded builds under other routings: what they would have cost. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Re-price the billed attempts of recorded builds, token for token, under other routings, and "
            + "compare with what was paid.")
final class SimulateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "AUDIT", arity = "1..*",
            description = "An audit.jsonl, or a folder searched for audit.jsonl files (a build's folder, a folder of "
                + "archived builds).")
    List<Path> inputs;

    @Option(names = "--routing", paramLabel = "ALTERNATIVE", required = true,
            description = "all-premium[=MODEL], all-cheap[=MODEL], config=FILE or escalation=off|on. Repeatable.")
    List<String> routings;

    @Option(names = "--prices", paramLabel = "today|FILE", defaultValue = "today",
            description = "The prices of the alternatives: today (the bundled catalog with --provider-config's "
                + "prices, as of now; the default) or a catalog FILE (as 'prices import' writes) laid over it.")
    String prices;

    @Option(names = "--provider-config", paramLabel = "FILE",
            description = "Include this configuration's prices (price overrides, price files).")
    Path configFile;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the whatIf object (as in cost.json) here.")
    Path json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write cost.json and report.html with the What-if section here (one sub-folder per "
                + "audit when there are several).")
    Path out;

    @Option(names = "--title", defaultValue = "AI Lanes cost report", description = "The reports' title (with --out).")
    String title;

    @Option(names = "--allow-unverified",
            description = "Simulate even audits whose hash chain does not verify; they are named NOT VERIFIED.")
    boolean allowUnverified;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Alternative> alternatives = new ArrayList<>();
        for (String routing : routings) {
            alternatives.add(Alternative.parse(routing));
        }
        PriceCatalog catalog = configFile == null
                ? PriceCatalog.bundled()
                : PriceSetup.catalog(ConfigLoader.read(configFile), configFile);
        String label = configFile == null ? "the bundled catalog" : "the bundled catalog with " + configFile + "'s prices";
        if (!"today".equals(prices)) {
            Path file = Path.of(prices);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--prices is 'today' or a catalog file; no file at " + file);
            }
            PriceCatalog dated = CatalogFile.read(file);
            catalog = PriceCatalog.of(dated.date(), catalog.all()).withOverrides(dated.all());
            label = "the catalog " + file + " over " + label;
        }
        List<Path> audits = RoutingSimulator.findAudits(inputs);
        PrintWriter err = spec.commandLine().getErr();
        List<String> unverified = new ArrayList<>();
        // Figures from an edited audit would look as trustworthy as any: every chain is checked first.
        for (Path audit : audits) {
            VerificationResult verified = AuditVerifier.verify(audit);
            if (!verified.ok()) {
                err.printf("%s: NOT intact (%d lines checked)%n", audit, verified.linesChecked());
                verified.problems().forEach(problem -> err.println("  " + problem));
                unverified.add(audit.toString());
            }
        }
        if (!unverified.isEmpty() && !allowUnverified) {
            err.println("Nothing simulated: run `ai-lanes audit verify` to see what changed, or add "
                    + "--allow-unverified to simulate anyway, marked NOT VERIFIED.");
            return 1;
        }
        WhatIf whatIf = RoutingSimulator.load(audits).simulate(alternatives, catalog, label, unverified);
        print(spec.commandLine().getOut(), whatIf);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new CostJsonWriter().writeWhatIf(whatIf, json);
            spec.commandLine().getOut().println("wrote " + json);
        }
        if (out != null) {
            writeReports(audits, whatIf, catalog, label, unverified);
        }
        return AiLanes.OK;
    }

    /** One report per audit, each with its own What-if section; defaults resolved as for all audits together. */
    private void writeReports(List<Path> audits, WhatIf all, PriceCatalog catalog, String label, List<String> unverified)
            throws IOException {
        List<Alternative> resolved = new ArrayList<>();
        for (WhatIf.Alternative a : all.alternatives()) {
            // all-cheap's pick is made over all audits; all-premium without a model stays each build's own.
            resolved.add(Alternative.parse(a.kind().equals("all-premium") && audits.size() > 1
                    ? routings.get(resolved.size()) : a.spec()));
        }
        Set<String> used = new HashSet<>();
        for (Path audit : audits) {
            Path dir = audits.size() == 1 ? out : out.resolve(folderName(audit, used));
            Files.createDirectories(dir);
            boolean bad = unverified.contains(audit.toString());
            WhatIf whatIf = RoutingSimulator.load(List.of(audit)).simulate(resolved, catalog, label,
                    bad ? List.of(audit.toString()) : List.of());
            CostReport report = AuditReports.build(audit, catalog, null, bad ? "NOT VERIFIED: " + title : title, whatIf);
            AuditReports.write(report, dir);
            report.calls().close();
            spec.commandLine().getOut().printf("wrote %s and %s%n", dir.resolve("cost.json"), dir.resolve("report.html"));
        }
    }

    /** The audit's folder name, made unique. */
    private static String folderName(Path audit, Set<String> used) {
        Path parent = audit.toAbsolutePath().getParent();
        Path folder = parent == null ? null : parent.getFileName();
        String base = folder == null ? "audit" : folder.toString();
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private static void print(PrintWriter out, WhatIf w) {
        out.printf("%d audit(s), %d billed attempts. Paid %s (recorded costs; prices %s).%n", w.sources().size(),
                w.attempts(), Money.usd(w.paidUsd()),
                w.paidPrices() == null ? "of a date the audits do not record" : "as of " + w.paidPrices());
        out.printf("Alternatives priced with %s%s%s.%n", w.catalogLabel(),
                w.catalogDate() == null ? "" : " of " + w.catalogDate(),
                w.asRoutedUsd() == null ? "" : "; as routed at these prices: " + Money.usd(w.asRoutedUsd()));
        if (!w.unverified().isEmpty()) {
            out.println("NOT VERIFIED: " + String.join(", ", w.unverified()));
        }
        for (WhatIf.Alternative a : w.alternatives()) {
            out.println();
            out.printf("%s: %s, %s (%s) against paid %s%n", a.spec(), Money.usd(a.totalUsd()), signed(a.differenceUsd()),
                    percent(a.differencePercent()), notes(a.notes()));
            out.println("  " + a.description());
            table(out, "step", a.byStep());
            table(out, "lane", a.byLane());
            for (WhatIf.Assumption as : a.assumptions()) {
                out.println("  [" + as.key() + "] " + as.text());
            }
        }
    }

    private static void table(PrintWriter out, String header, List<WhatIf.Line> lines) {
        int width = header.length();
        for (WhatIf.Line l : lines) {
            width = Math.max(width, l.name().length());
        }
        out.printf("  %-" + width + "s %12s %12s %13s %9s%n", header, "paid", "simulated", "difference", "%");
        for (WhatIf.Line l : lines) {
            out.printf("  %-" + width + "s %12s %12s %13s %9s %s%n", l.name(), Money.usd(l.paidUsd()),
                    Money.usd(l.simulatedUsd()), signed(l.differenceUsd()), percent(l.differencePercent()),
                    notes(l.notes())).flush();
        }
    }

    private static String notes(List<String> keys) {
        return keys.stream().map(k -> "[" + k + "]").reduce((a, b) -> a + " " + b).orElse("");
    }

    private static String signed(BigDecimal amount) {
        return (amount.signum() > 0 ? "+" : amount.signum() < 0 ? "-" : "") + Money.usd(amount.abs());
    }

    private static String percent(BigDecimal percent) {
        if (percent == null) {
            return "n/a";
        }
        return (percent.signum() > 0 ? "+" : "") + percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

}
