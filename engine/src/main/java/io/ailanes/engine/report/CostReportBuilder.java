package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a {@link CostReport} from attempts added one at a time, in memory that does not grow with the number
 * of attempts. Every aggregate (totals, groups, the counterfactual, fix-round cache shares) is a running sum
 * updated in {@link #add}, keyed by step, lane, model, outcome or round; distinct calls are counted through a
 * bounded window of open calls ({@link CallWindow}); the timeline keeps at most {@link Timeline#MAX_POINTS}
 * points or {@link Timeline#SLICES} slices a lane; the rows go to a {@link CallTable}, which spills them to a
 * temporary file past {@link CallTable#IN_MEMORY} and keeps the first and last rows for report.html; policy
 * events keep the first {@link #EVENTS_KEPT}.
 *
 * <p>Configure the {@link #counterfactual} before the first {@link #add}: it is priced attempt by attempt
 * because a price function need not be linear (tiered long-context prices), so it cannot be applied to sums.
 */
public final class CostReportBuilder {

    /** Policy events kept (report.html and cost.json); a run with more lists the first ones and says so. */
    public static final int EVENTS_KEPT = 10_000;

    private final List<PolicyEvent> events = new ArrayList<>();
    private long eventsSeen;
    private final CallWindow window = new CallWindow();
    private final CallTable table = new CallTable();
    private final Timeline timeline = new Timeline();
    private long succeededCalls;
    private final Agg all = new Agg("total");
    private final Map<String, Agg> bySteps = new LinkedHashMap<>();
    private final Map<String, Agg> byLanes = new LinkedHashMap<>();
    private final Map<String, Agg> byModels = new LinkedHashMap<>();
    private final Map<String, Agg> byProviders = new LinkedHashMap<>();
    private final Map<String, String[]> providerRegions = new LinkedHashMap<>();
    private final Map<String, Long> regionRefusals = new LinkedHashMap<>();
    private List<String> allowedRegions;
    private String recordsKeptIn;
    private final SortedMap<String, Long> outcomes = new TreeMap<>();
    private final SortedMap<Integer, long[]> rounds = new TreeMap<>(); // attempts, total input, cache read
    private List<BudgetLine> budgets = List.of();
    private Counterfactual counterfactual;
    private WhatIf whatIf = WhatIf.NONE;
    private BigDecimal premium = BigDecimal.ZERO;
    private long priced;
    private RunInfo run = new RunInfo("", null, null, null);
    private Instant first;
    private Instant last;
    private boolean built;
    private String riskClass;

    public CostReportBuilder runInfo(RunInfo run) {
        this.run = run;
        return this;
    }

    public CostReportBuilder runInfo(String runId, String title, Instant startedAt, Instant finishedAt) {
        return runInfo(new RunInfo(runId, title, startedAt, finishedAt));
    }

    public CostReportBuilder budgets(List<BudgetLine> lines) {
        this.budgets = List.copyOf(lines);
        return this;
    }

    /** Other routings simulated for this run; {@link WhatIf#NONE} (the default) for none. */
    public CostReportBuilder whatIf(WhatIf whatIf) {
        this.whatIf = whatIf == null ? WhatIf.NONE : whatIf;
        return this;
    }

    /** The premium model to compare with; must come before the first attempt is added. */
    public CostReportBuilder counterfactual(Counterfactual counterfactual) {
        if (table.size() > 0) {
            throw new IllegalStateException("set the counterfactual before adding attempts: it is priced per attempt");
        }
        this.counterfactual = counterfactual;
        return this;
    }

    public CostReportBuilder add(ReportCall call) {
        if (built) {
            // The report shares the call table; adding now would change a report already handed out.
            throw new IllegalStateException("the report was already built");
        }
        if (table.size() == 0) {
            timeline.frame(run.startedAt() == null ? null : run.startedAt().toEpochMilli(),
                    run.finishedAt() == null ? null : run.finishedAt().toEpochMilli());
        }
        CallWindow.OpenCall open = window.get(call.callId());
        table.add(call);
        timeline.add(call.timestamp().toEpochMilli(), call.costUsd().doubleValue(), call.lane(), call.succeeded());
        all.add(call, open);
        bySteps.computeIfAbsent(call.step(), Agg::new).add(call, open);
        byLanes.computeIfAbsent(call.lane(), Agg::new).add(call, open);
        byModels.computeIfAbsent(call.model(), Agg::new).add(call, open);
        byProviders.computeIfAbsent(provider(call.model()), Agg::new).add(call, open);
        outcomes.merge(call.outcome(), 1L, Long::sum);
        if (call.succeeded() && !open.succeeded) {
            open.succeeded = true;
            succeededCalls++;
        }
        if (counterfactual != null && call.billed()) {
            premium = premium.add(counterfactual.priceOf().apply(call.usage()));
            priced++;
        }
        if (call.round() != null) {
            long[] r = rounds.computeIfAbsent(call.round(), k -> new long[3]);
            r[0]++;
            r[1] += call.usage().totalInputTokens();
            r[2] += call.usage().cacheReadTokens();
        }
        // An attempt's timestamp is when it ended: the run began when its first attempt started.
        java.time.Instant started = call.timestamp().minusMillis(Math.max(0, call.latencyMs()));
        if (first == null || started.isBefore(first)) {
            first = started;
        }
        if (last == null || call.timestamp().isAfter(last)) {
            last = call.timestamp();
        }
        return this;
    }

    /** The risk class the run's steps ran under (the last one recorded wins), or null for none. */
    public CostReportBuilder riskClass(String label) {
        this.riskClass = label;
        return this;
    }

    /** Adds something a policy blocked; it is listed, not counted as a call. */
    public CostReportBuilder event(PolicyEvent event) {
        eventsSeen++;
        if (events.size() < EVENTS_KEPT) {
            events.add(event);
        }
        return this;
    }

    /**
     * Where a provider processes data, as its audit lines record it (the first record of a provider is kept).
     *
     * @param regions comma-separated regions, {@code unknown}, or null when the line recorded none
     * @param basis {@code configured}, {@code catalog <source>} or {@code unknown}, or null
     */
    public CostReportBuilder providerRegion(String provider, String regions, String basis) {
        if (provider == null) {
            return this;
        }
        if (regions != null) {
            providerRegions.putIfAbsent(provider, new String[] {regions, basis});
        }
        byProviders.computeIfAbsent(provider, Agg::new);
        return this;
    }

    /** The region policy skipped the provider before anything was sent. */
    public CostReportBuilder regionRefused(String provider) {
        if (provider != null) {
            regionRefusals.merge(provider, 1L, Long::sum);
            byProviders.computeIfAbsent(provider, Agg::new);
        }
        return this;
    }

    /** {@code policy.allowedRegions} as the run recorded it; null (the default) when it had none. */
    public CostReportBuilder allowedRegions(List<String> regions) {
        this.allowedRegions = regions == null ? null : List.copyOf(regions);
        return this;
    }

    /** The directory that holds the run's audit and reports. */
    public CostReportBuilder recordsKeptIn(String directory) {
        this.recordsKeptIn = directory;
        return this;
    }

    /** The provider of a {@code provider/model} key. */
    private static String provider(String model) {
        int slash = model == null ? -1 : model.indexOf('/');
        return slash > 0 ? model.substring(0, slash) : model == null ? "" : model;
    }

    private DataResidency residency() {
        List<DataResidency.ProviderUse> providers = new ArrayList<>();
        byProviders.forEach((provider, agg) -> {
            String[] recorded = providerRegions.get(provider);
            List<String> regions = recorded == null || "unknown".equals(recorded[0]) ? List.of()
                    : List.of(recorded[0].split(","));
            String basis = recorded == null ? "not recorded" : recorded[1] == null ? "unknown" : recorded[1];
            String source = null;
            // "catalog <source>": the audit keeps the catalog's page with its basis.
            if (basis.startsWith("catalog ")) {
                source = basis.substring("catalog ".length());
                basis = "catalog";
            }
            Usage tokens = agg.tokens();
            providers.add(new DataResidency.ProviderUse(provider, regions, basis, source, agg.sentCalls(), agg.attempts(),
                    tokens.totalInputTokens(), tokens.totalOutputTokens(), regionRefusals.getOrDefault(provider, 0L)));
        });
        return new DataResidency(allowedRegions, providers, recordsKeptIn);
    }

    /** The report; the builder takes no more attempts afterwards. */
    public CostReport build() {
        built = true;
        table.seal();
        RunInfo resolved = new RunInfo(run.runId(), run.title(),
                run.startedAt() != null ? run.startedAt() : first,
                run.finishedAt() != null ? run.finishedAt() : last);
        long calls = all.calls();
        Totals totals = new Totals(all.cost(), all.tokens(), calls, all.attempts(), all.failed(),
                calls - succeededCalls, new TreeMap<>(outcomes), all.latencyTotal(), all.latencyMax(),
                all.sentCalls());
        List<BudgetSummary> budgetSummaries = budgets.stream().map(BudgetSummary::of).toList();
        CounterfactualResult comparison = counterfactual == null ? null
                : CounterfactualResult.of(counterfactual.premiumModel(), all.cost(), premium, priced);
        return new CostReport(resolved, totals, summaries(bySteps, false), summaries(byLanes, false),
                summaries(byModels, true), budgetSummaries, comparison, fixRounds(), table, events, whatIf, timeline, eventsSeen,
                residency(), riskClass);
    }

    private static List<GroupSummary> summaries(Map<String, Agg> groups, boolean withFamily) {
        List<GroupSummary> out = new ArrayList<>();
        for (Agg agg : groups.values()) {
            out.add(agg.summary(withFamily));
        }
        // Most expensive first; ties by name so the output is deterministic.
        out.sort(Comparator.comparing(GroupSummary::costUsd).reversed().thenComparing(GroupSummary::key));
        return out;
    }

    private FixRounds fixRounds() {
        FixRounds.RoundShare firstRound = null;
        List<FixRounds.RoundShare> later = new ArrayList<>();
        long attempts = 0;
        long input = 0;
        long read = 0;
        for (Map.Entry<Integer, long[]> e : rounds.entrySet()) {
            long[] r = e.getValue();
            FixRounds.RoundShare share = new FixRounds.RoundShare(e.getKey(), r[0], r[1], r[2]);
            if (e.getKey() <= 1) {
                firstRound = e.getKey() == 1 ? share : firstRound;
                continue;
            }
            later.add(share);
            attempts += r[0];
            input += r[1];
            read += r[2];
        }
        return new FixRounds(firstRound, later, new FixRounds.RoundShare(null, attempts, input, read));
    }
}
