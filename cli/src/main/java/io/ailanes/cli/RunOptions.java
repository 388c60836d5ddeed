package io.ailanes.cli;

import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.engine.config.layer.LayerFiles;
import io.ailanes.engine.forecast.Forecast;
import io.ailanes.engine.forecast.Forecaster;
import io.ailanes.engine.provider.proxy.EnvironmentProxies;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that makes model calls shares: configuration, output, budget, ledger, audit. */
final class RunOptions {

    @Option(names = "--provider-config", paramLabel = "FILE", defaultValue = "ai-lanes.yaml",
            description = "The configuration: providers, models, lanes, budgets (default: ${DEFAULT-VALUE}). Given"
                    + " again, each further file narrows the ones before it (lanes, caps, policy, providers only).")
    List<Path> configFiles;

    /** The risk class the narrowing files set, or null (read by {@link #config()} first). */
    io.ailanes.engine.risk.RiskClass layeredRiskClass() {
        return effective == null ? null : effective.riskClass();
    }

    /** The effective configuration read by {@link #config()}: the base narrowed by the later files. */
    private EffectiveConfig effective;
    /** The base configuration's file (price files are relative to it). */
    private Path baseFile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "ai-lanes",
            description = "Where audit.jsonl, cost.json and report.html go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--budget", paramLabel = "USD", description = "Cap this run's spend (overrides budgets.perBuildUsd).")
    BigDecimal budget;

    @Option(names = "--history", paramLabel = "DIR",
            description = "Past builds' audit.jsonl files (searched under DIR): warn when the build cap (--budget, else"
                    + " budgets.perBuildUsd) is below their p95 at today's prices.")
    Path history;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "Budget ledger that carries monthly and daily spend across runs"
                    + " (default: $AI_LANES_HOME/ledger.jsonl, or ~/.ai-lanes/ledger.jsonl).")
    Path ledger;

    @Option(names = "--job", paramLabel = "NAME", defaultValue = "cli",
            description = "Job name for the per-job monthly budget (default: ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--audit", paramLabel = "MODE",
            description = "hashes or full (keep the redacted prompt and response text); default: the"
                    + " configuration's audit setting, else hashes.")
    String audit;

    /**
     * The effective configuration: the first file (or the base its {@code extends:} chain leads to) narrowed by every
     * later file, with the same rules and messages as Jenkins folders.
     */
    AiLanesConfig config() {
        LayerFiles.Layered layered = LayerFiles.read(configFiles);
        baseFile = layered.baseFile();
        effective = layered.narrow();
        return effective.config();
    }

    Path ledgerFile(Map<String, String> environment) {
        if (ledger != null) {
            return ledger;
        }
        String home = environment.get("AI_LANES_HOME");
        return home != null && !home.isBlank()
                ? Path.of(home, "ledger.jsonl")
                : Path.of(System.getProperty("user.home"), ".ai-lanes", "ledger.jsonl");
    }

    AuditMode auditMode(AiLanesConfig config) {
        String mode = audit != null ? audit : config.audit() != null ? config.audit() : "hashes";
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "hashes" -> AuditMode.HASHES;
            case "full" -> AuditMode.FULL;
            default -> throw new IllegalArgumentException("--audit must be hashes or full, not '" + mode + "'");
        };
    }

    /** {@code --out}, created when missing; a folder that cannot be made is the user's to fix (exit 2). */
    Path outDir() {
        try {
            return java.nio.file.Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--out " + out + " cannot be created (" + AiLanes.describe(e)
                    + "): give a folder you can write to");
        }
    }

    /** One generator for the run ids' random suffix (a new one per run would be seeded and used once). */
    private static final java.security.SecureRandom RUN_ID_RANDOM = new java.security.SecureRandom();

    /**
     * Holds the run to its risk class before it opens: the class's {@code allowedRegions} narrow the effective
     * configuration (read by {@link #config()} first) that {@link #open} opens the run with, so the router never sees
     * a provider the class does not allow.
     *
     * @return the policy, listing the narrowing among its decisions
     */
    io.ailanes.engine.riskpolicy.RiskPolicy heldTo(io.ailanes.engine.riskpolicy.RiskPolicy policy) {
        io.ailanes.engine.riskpolicy.RiskPolicy.Narrowed narrowed = policy.narrow(effective);
        effective = narrowed.config();
        return narrowed.policy();
    }

    /** The effective configuration: the files narrowed, and the risk class's regions once {@link #heldTo} ran. */
    AiLanesConfig effectiveConfig() {
        return effective.config();
    }

    /**
     * Opens a run; the caller closes the run, then the ledger store.
     *
     * @param config the effective configuration, or one a command adapted from it (call keeps one lane); it runs with
     *     the effective configuration's layers and origins
     */
    AiRun open(AiLanesConfig config, AiLanes parent, FileLedgerStore store, PrintWriter err) {
        if (budget != null && budget.signum() <= 0) {
            throw new IllegalArgumentException("--budget must be a positive amount of USD, was " + budget);
        }
        outDir();
        // Unique even for runs started in the same millisecond: the run id keys the build's budget scope.
        String runId = job + "#" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + "-" + String.format("%04x", RUN_ID_RANDOM.nextInt(0x10000));
        Console console = line -> {
            err.println(line);
            err.flush();
        };
        // Like curl: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY from the environment.
        EffectiveConfig opening = new EffectiveConfig(config, effective.riskClass(), effective.layers(),
                effective.values());
        AiRun run = AiRun.open(opening, baseFile != null ? baseFile : configFiles.get(0), parent.secrets(),
                new AiRun.Options(runId, job, out, budget, auditMode(config), store, console, Clock.systemUTC(),
                        EnvironmentProxies.settings(parent.environment())), null);
        // Shown on stderr and audited when a file or the risk class narrowed the base.
        run.recordEffectiveConfig(opening);
        warnAgainstHistory(run, config, err);
        return run;
    }

    /**
     * With {@code --history}: a warning on stderr when the build cap is below the p95 of the past builds found there
     * (the newest {@value Forecaster#DEFAULT_LAST}, re-priced with this run's catalog). There is no default history:
     * {@code --out} keeps one audit that every run appends to, not one per build. A history too short for a p95, or
     * one that cannot be priced, is said in one line; the run goes on either way (its own calls still fail closed).
     */
    private void warnAgainstHistory(AiRun run, AiLanesConfig config, PrintWriter err) {
        if (history == null) {
            return;
        }
        BigDecimal cap = budget != null ? budget : config.budgets().perBuildUsd();
        String what = budget != null ? "--budget" : "budgets.perBuildUsd";
        if (cap == null) {
            err.println("[ai-lanes] --history " + history + ": no build cap to compare (no --budget, no budgets.perBuildUsd)");
            err.flush();
            return;
        }
        try {
            Forecast forecast = Forecaster.forecast(Forecaster.find(history), run.catalog(), Forecaster.DEFAULT_LAST);
            if (forecast.total().p95() == null) {
                err.println("[ai-lanes] no p95 to check " + what + " against in " + history + ": "
                        + forecast.total().p95Text());
            } else {
                forecast.budgetWarning(what, cap).ifPresent(warning -> err.println("[ai-lanes] warning: " + warning));
            }
            if (!forecast.leftOut().isEmpty()) {
                err.println("[ai-lanes] --history left out " + forecast.leftOut().size() + " audit(s) that do not verify"
                        + " or cannot be read: run ai-lanes forecast " + history + " to see which");
            }
        } catch (IOException | RuntimeException e) {
            err.println("[ai-lanes] no forecast from --history " + history + ": " + AiLanes.describe(e));
        }
        err.flush();
    }
}
