package io.ailanes.engine.run;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.engine.price.CostCalculator;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.report.BudgetLine;
import io.ailanes.engine.report.CostJsonWriter;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.report.CostReportBuilder;
import io.ailanes.engine.report.Counterfactual;
import io.ailanes.engine.report.HtmlReportWriter;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.report.ReportCall;
import io.ailanes.engine.report.RunInfo;
import io.ailanes.engine.report.WhatIf;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code cost.json} and {@code report.html} from an audit log: what a run writes when it ends, and
 * what {@code ai-lanes report audit.jsonl} regenerates from the audit alone.
 *
 * <p>Each audit line carries, as attributes, what the report needs beyond the attempt itself: the model's
 * {@value #FAMILY}, the {@value #PREMIUM} model the run compares against (the reasoning lane's primary), the
 * budget {@value #CAPS} of the run's scopes, and the implement {@value #ROUND}.
 */
public final class AuditReports {

    public static final String FAMILY = "family";
    public static final String PREMIUM = "premium";
    public static final String CAPS = "caps";
    public static final String ROUND = "round";
    /** On an implement call in an escalation lane: the lane the step escalated from. */
    public static final String ESCALATED_FROM = "escalatedFrom";
    /** The date of the price catalog the run's costs were computed with. */
    public static final String PRICES_AS_OF = "pricesAsOf";
    /** Marks a line that records a blocked action rather than a model call; its value is the kind. */
    public static final String EVENT = "event";
    /** On a model's line: where its provider processes data ({@code eu,us}, or {@code unknown}). */
    public static final String REGION = "region";
    /** On a model's line: where {@link #REGION} comes from ({@code configured}, {@code catalog <source>}, {@code unknown}). */
    public static final String REGION_BASIS = "regionBasis";
    /** On every line of a run with a region policy: {@code policy.allowedRegions}, comma-separated. */
    public static final String ALLOWED_REGIONS = "allowedRegions";
    /** The event of a model skipped because its provider is outside {@code policy.allowedRegions}. */
    public static final String REGION_NOT_ALLOWED = "REGION_NOT_ALLOWED";
    /** On a risk event: the risk class that decided it ({@code io.ailanes.engine.riskpolicy.RiskPolicy#ATTRIBUTE}). */
    public static final String RISK_CLASS = "riskClass";

    private AuditReports() {}

    /**
     * @param catalog prices for the counterfactual
     * @param budgets the ledger's budget lines when the run itself writes the report, or null to rebuild them
     *     from the audit (this run's spend against the caps it recorded)
     */
    public static CostReport build(Path audit, PriceCatalog catalog, List<BudgetLine> budgets, String title)
            throws IOException {
        return build(audit, catalog, budgets, title, WhatIf.NONE);
    }

    /**
     * As {@link #build(Path, PriceCatalog, List, String)}, with the What-if section of a simulation of this
     * audit ({@code io.ailanes.engine.simulate.RoutingSimulator}).
     */
    public static CostReport build(Path audit, PriceCatalog catalog, List<BudgetLine> budgets, String title,
            WhatIf whatIf) throws IOException {
        // One read when the first line names the premium model (every line of a run with a reasoning lane does): the
        // counterfactual is priced attempt by attempt, so it must be known before the first attempt is added. An
        // audit whose first line does not name it (an older one, or a first run without a reasoning lane) is read
        // twice: once for the premium model, once for the report.
        String premium;
        try (AuditReader reader = AuditReader.open(audit)) {
            Iterator<AuditEntry> it = reader.iterator();
            premium = it.hasNext() ? it.next().attributes().get(PREMIUM) : null;
        }
        if (premium == null) {
            try (AuditReader reader = AuditReader.open(audit)) {
                for (AuditEntry entry : reader) {
                    premium = entry.attributes().get(PREMIUM);
                    if (premium != null) {
                        break;
                    }
                }
            }
        }
        CostReportBuilder builder = new CostReportBuilder();
        if (premium != null) {
            ModelPrice price = catalog.find(premium).orElse(null);
            if (price != null) {
                builder.counterfactual(new Counterfactual(premium, usage -> CostCalculator.cost(price, usage).total()));
            }
        }
        String runId = null;
        Instant first = null;
        Instant last = null;
        Map<String, BigDecimal> caps = new LinkedHashMap<>();
        Map<String, BigDecimal> spent = new LinkedHashMap<>();
        String allowedRegions = null;
        try (AuditReader reader = AuditReader.open(audit)) {
            for (Iterator<AuditEntry> it = reader.iterator(); it.hasNext(); ) {
                AuditEntry entry = it.next();
                runId = runId == null ? entry.runId() : runId;
                first = first == null ? entry.timestamp() : first;
                last = entry.timestamp();
                if (EffectiveConfig.EVENT.equals(entry.attributes().get(EVENT))) {
                    continue; // the configuration the run had, not a call nor a policy decision: the audit keeps it
                }
                // Each line names the capped scopes it was under: its cost counts towards exactly those.
                Map<String, BigDecimal> lineCaps = new LinkedHashMap<>();
                parseCaps(entry.attributes().get(CAPS), lineCaps);
                lineCaps.forEach((scope, cap) -> {
                    caps.putIfAbsent(scope, cap);
                    spent.merge(scope, entry.costUsd(), BigDecimal::add);
                });
                allowedRegions = allowedRegions != null ? allowedRegions : entry.attributes().get(ALLOWED_REGIONS);
                builder.providerRegion(entry.provider(), entry.attributes().get(REGION), entry.attributes().get(REGION_BASIS));
                String event = entry.attributes().get(EVENT);
                if (REGION_NOT_ALLOWED.equals(event)) {
                    builder.regionRefused(entry.provider());
                }
                if (event != null) {
                    String round = entry.attributes().get(ROUND);
                    builder.event(new PolicyEvent(entry.timestamp(), entry.step(), event, entry.errorMessage(),
                            round == null ? null : Integer.valueOf(round)));
                    String riskClass = entry.attributes().get(RISK_CLASS);
                    if (riskClass != null) {
                        builder.riskClass(riskClass);
                    }
                } else {
                    builder.add(toCall(entry));
                }
            }
        }
        builder.runInfo(new RunInfo(runId == null ? "" : runId, title, first, last));
        builder.budgets(budgets != null ? budgets : fromCaps(caps, spent));
        builder.whatIf(whatIf);
        builder.allowedRegions(allowedRegions == null ? null : List.of(allowedRegions.split(",")));
        Path directory = audit.toAbsolutePath().getParent();
        builder.recordsKeptIn(directory == null ? null : directory.toString());
        return builder.build();
    }

    /** Writes {@code cost.json} and {@code report.html} into {@code dir}. */
    public static void write(CostReport report, Path dir) throws IOException {
        new CostJsonWriter().write(report, dir.resolve("cost.json"));
        new HtmlReportWriter().write(report, dir.resolve("report.html"));
    }

    static ReportCall toCall(AuditEntry entry) {
        String round = entry.attributes().get(ROUND);
        return new ReportCall(
                entry.seq(),
                entry.timestamp(),
                entry.callId() == null ? "seq-" + entry.seq() : entry.callId(),
                entry.attempt(),
                entry.step(),
                entry.lane(),
                entry.provider() == null ? entry.model() : entry.provider() + "/" + entry.model(),
                entry.attributes().get(FAMILY),
                entry.outcome().name(),
                entry.usage(),
                entry.costUsd(),
                entry.latencyMs(),
                round == null ? null : Integer.valueOf(round),
                entry.errorMessage(),
                entry.routingReason());
    }

    /** {@code BUILD build "job#42"=5;JOB_MONTH ...=100} as written by {@link #caps}. */
    private static void parseCaps(String text, Map<String, BigDecimal> caps) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String part : text.split(";")) {
            int eq = part.lastIndexOf('=');
            if (eq > 0) {
                caps.putIfAbsent(part.substring(0, eq), new BigDecimal(part.substring(eq + 1)));
            }
        }
    }

    /** The caps attribute for a set of capped scopes: {@code KIND scope=cap;...}. */
    static String caps(Map<String, BigDecimal> capsByScope) {
        List<String> parts = new ArrayList<>();
        capsByScope.forEach((scope, cap) -> parts.add(scope + "=" + cap.toPlainString()));
        return String.join(";", parts);
    }

    /**
     * From the audit alone, the spend the audit saw is known: exact for build scopes, only this audit's share
     * for month and day scopes (other runs spent there too).
     */
    private static List<BudgetLine> fromCaps(Map<String, BigDecimal> caps, Map<String, BigDecimal> spent) {
        List<BudgetLine> lines = new ArrayList<>();
        caps.forEach((key, cap) -> {
            int space = key.indexOf(' ');
            String kind = space > 0 ? key.substring(0, space) : "BUILD";
            String scope = space > 0 ? key.substring(space + 1) : key;
            String label = kind.equals("BUILD") ? scope : scope + " (this audit's share)";
            BigDecimal used = spent.getOrDefault(key, BigDecimal.ZERO);
            lines.add(new BudgetLine(label, kind, cap, used, BigDecimal.ZERO, used.compareTo(cap) > 0));
        });
        return lines;
    }
}
