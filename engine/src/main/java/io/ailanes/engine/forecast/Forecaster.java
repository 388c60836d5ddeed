package io.ailanes.engine.forecast;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditFormatException;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.price.CostCalculator;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.UnknownPriceException;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.run.AuditReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds a {@link Forecast} from past builds' audit logs, one {@code audit.jsonl} per build.
 *
 * <ol>
 *   <li>Each audit's hash chain is verified ({@link LeftOut#unless}); one that does not verify is left out and
 *       named with its first problem, as is one that cannot be read or records no attempt.</li>
 *   <li>The verified builds are ordered by their first line's time; the last {@code last} are kept.</li>
 *   <li>Each attempt's recorded usage is priced again, token kind by token kind, with today's catalog
 *       ({@link CostCalculator}, the tier its input selects). A model with tokens and no price fails the whole
 *       forecast ({@link UnknownPriceException}, naming the model): no price is guessed. An attempt with no usage
 *       keeps its recorded cost (zero, except a call the host stopped mid-flight, whose reservation was counted as
 *       spent and has no tokens to re-price).</li>
 *   <li>The builds' totals, and per step and per lane the builds that ran it, give nearest-rank p50 and p95
 *       ({@link Estimate}, {@link Quantiles}).</li>
 * </ol>
 */
public final class Forecaster {

    /** How many past builds a forecast looks at unless told otherwise. */
    public static final int DEFAULT_LAST = 30;

    private Forecaster() {}

    /**
     * @param audits past builds' audits, in any order
     * @param last keep the newest {@code last} verified builds (0 or less: all)
     */
    public static Forecast forecast(List<AuditFile> audits, PriceCatalog catalog, int last) throws IOException {
        List<PastBuild> builds = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        for (AuditFile audit : audits) {
            Optional<LeftOut> unusable = LeftOut.unless(audit);
            if (unusable.isPresent()) {
                leftOut.add(unusable.get());
                continue;
            }
            PastBuild build;
            try {
                build = reprice(audit, catalog);
            } catch (AuditFormatException | UncheckedIOException e) {
                leftOut.add(new LeftOut(audit.name(), "cannot be read: " + e.getMessage()));
                continue;
            }
            if (build.attempts() == 0) {
                leftOut.add(new LeftOut(audit.name(), "records no model call"));
                continue;
            }
            builds.add(build);
        }
        builds.sort(Comparator.comparing(PastBuild::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(PastBuild::name));
        if (last > 0 && builds.size() > last) {
            builds = new ArrayList<>(builds.subList(builds.size() - last, builds.size()));
        }
        List<BigDecimal> totals = new ArrayList<>();
        Map<String, List<BigDecimal>> steps = new LinkedHashMap<>();
        Map<String, List<BigDecimal>> lanes = new LinkedHashMap<>();
        for (PastBuild build : builds) {
            totals.add(build.costUsd());
            build.byStep().forEach((step, cost) -> steps.computeIfAbsent(step, s -> new ArrayList<>()).add(cost));
            build.byLane().forEach((lane, cost) -> lanes.computeIfAbsent(lane, l -> new ArrayList<>()).add(cost));
        }
        Map<String, Estimate> byStep = new LinkedHashMap<>();
        steps.forEach((step, costs) -> byStep.put(step, Estimate.of(costs)));
        Map<String, Estimate> byLane = new LinkedHashMap<>();
        lanes.forEach((lane, costs) -> byLane.put(lane, Estimate.of(costs)));
        return new Forecast(Estimate.of(totals), byStep, byLane, builds, leftOut, catalog.date());
    }

    /** One build's recorded usage at today's prices. */
    static PastBuild reprice(AuditFile audit, PriceCatalog catalog) throws IOException {
        String runId = null;
        Instant startedAt = null;
        BigDecimal recorded = BigDecimal.ZERO;
        BigDecimal today = BigDecimal.ZERO;
        Map<String, BigDecimal> byStep = new LinkedHashMap<>();
        Map<String, BigDecimal> byLane = new LinkedHashMap<>();
        long attempts = 0;
        try (AuditReader reader = AuditReader.open(audit.file())) {
            for (AuditEntry entry : reader) {
                runId = runId == null ? entry.runId() : runId;
                startedAt = startedAt == null ? entry.timestamp() : startedAt;
                if (entry.attributes().containsKey(AuditReports.EVENT)) {
                    continue; // a blocked action, not a model call
                }
                attempts++;
                BigDecimal cost = cost(entry, catalog);
                recorded = recorded.add(entry.costUsd());
                today = today.add(cost);
                byStep.merge(entry.step() == null ? "unknown" : entry.step(), cost, BigDecimal::add);
                byLane.merge(entry.lane() == null ? "unknown" : entry.lane(), cost, BigDecimal::add);
            }
        }
        return new PastBuild(audit.name(), runId, startedAt, recorded, today, byStep, byLane, attempts);
    }

    /** An attempt's recorded usage at today's price of its model. */
    static BigDecimal cost(AuditEntry entry, PriceCatalog catalog) {
        Usage usage = entry.usage();
        if (usage.equals(Usage.ZERO)) {
            return entry.costUsd();
        }
        String ref = entry.provider() == null ? entry.model() : entry.provider() + "/" + entry.model();
        return CostCalculator.cost(catalog.require(ref), usage).total();
    }

    /**
     * The {@code audit.jsonl} files a path stands for: the file itself, or every {@code audit.jsonl} under a folder
     * (archived builds: {@code builds/42/archive/ai-lanes/audit.jsonl}, {@code ai-lanes/}, ...), sorted by path.
     */
    public static List<AuditFile> find(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(AuditFile.of(path));
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("no audit file or folder at " + path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(p -> p.getFileName().toString().equals("audit.jsonl") && Files.isRegularFile(p))
                    .sorted().map(AuditFile::of).toList();
        }
    }
}
