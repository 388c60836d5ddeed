package io.ailanes.engine.report;

import static io.ailanes.engine.report.Html.escape;
import static io.ailanes.engine.report.ReportFormat.count;
import static io.ailanes.engine.report.ReportFormat.percent;
import static io.ailanes.engine.report.ReportFormat.share;
import static io.ailanes.engine.report.ReportFormat.usd;

import io.ailanes.engine.provider.Usage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes report.html: one self-contained page (no script, no external URL: inline CSS and SVG only) that a
 * finance reader can take in from the top: totals and the saving in words, then charts, then tables. A
 * Content-Security-Policy forbids scripts and remote loads as a second line of defence behind
 * {@link Html#escape}, which every run-supplied string goes through.
 */
public final class HtmlReportWriter {

    /**
     * The calls table shows every attempt up to this many; beyond, the first {@link #CALLS_TABLE_EDGE} and the
     * last {@link #CALLS_TABLE_EDGE}. cost.json has every attempt.
     */
    public static final int CALLS_TABLE_MAX = 500;
    public static final int CALLS_TABLE_EDGE = 250;

    /** The page's style sheet ({@code report.css} beside this class), read once; inlined in every page. */
    private static final String CSS = styleSheet();

    public void write(CostReport report, Path file) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            write(report, out);
        }
    }

    public void write(CostReport report, Writer out) throws IOException {
        List<String> lanes = report.byLane().stream().map(GroupSummary::key).toList();
        Palette palette = new Palette(lanes);
        SvgCharts charts = new SvgCharts(palette);
        StringBuilder h = new StringBuilder(64 * 1024);
        RunInfo run = report.run();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">")
                .append("<title>Cost report \u2013 ").append(escape(run.title())).append("</title><style>")
                .append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>AI Lanes cost report</h1><p class=\"sub\">").append(escape(run.title()))
                .append(" \u00b7 run ").append(escape(run.runId())).append(" \u00b7 ")
                .append(ReportFormat.time(run.startedAt())).append(" to ").append(ReportFormat.time(run.finishedAt()))
                .append(" (").append(ReportFormat.duration(run.startedAt(), run.finishedAt()))
                .append(") \u00b7 all amounts in US dollars</p></header>\n");
        summary(h, report);
        out.write(h.toString());
        h.setLength(0);

        h.append("<section><h2>Where the money went</h2><div class=\"charts\">");
        figure(h, "Cost by lane", charts.bars("Cost by lane", report.byLane().stream()
                .map(g -> new SvgCharts.Bar(g.key(), g.costUsd(), palette.lane(g.key()), costLabel(g, report)))
                .toList()), null);
        figure(h, "Cost by model", charts.bars("Cost by model", report.byModel().stream()
                .map(g -> new SvgCharts.Bar(g.key(), g.costUsd(), palette.lanes(g.lanes()), costLabel(g, report)))
                .toList()), "Bars take the colour of the lane that used the model (grey: several lanes).");
        h.append("</div><div class=\"charts\">");
        figure(h, "Tokens by kind, per model", charts.tokens("Tokens by kind, per model", report.byModel()),
                "Cache reads are billed at a fraction of the input price; cache writes at a premium.");
        if (!report.budgets().isEmpty()) {
            figure(h, "Budget use per scope", charts.budgets("Budget use per scope", report.budgets()),
                    "Each bar on its own scale; the black mark is the cap, the pale part open reservations.");
        }
        h.append("</div>");
        long n = report.timeline().count();
        figure(h, "Timeline of calls", charts.timeline("Timeline of calls", report.timeline(), lanes,
                run.startedAt(), run.finishedAt()),
                report.timeline().exact()
                        ? "One dot per attempt: when it ended and what it cost, coloured by lane."
                        : "With " + count(n) + " attempts, each dot is the mean cost of one lane's attempts in one of "
                                + SvgCharts.TIMELINE_SLICES + " equal time slices; its line runs from the cheapest to "
                                + "the dearest of them, and it is hollow when one of them did not succeed.");
        h.append("</section>\n");
        out.write(h.toString());
        h.setLength(0);

        whatIf(h, report.whatIf(), charts);
        groupTable(h, "By step", "Step", report.byStep(), report, palette, false);
        groupTable(h, "By lane", "Lane", report.byLane(), report, palette, true);
        groupTable(h, "By model", "Model", report.byModel(), report, palette, false);
        budgetTable(h, report.budgets());
        residencyTable(h, report.residency());
        fixRoundTable(h, report.fixRounds());
        riskSection(h, report);
        eventTable(h, report.events().stream().filter(e -> !e.risk()).toList());
        if (report.eventsSeen() > report.events().size()) {
            h.append("<p class=\"note\">The run recorded ").append(count(report.eventsSeen()))
                    .append(" policy events; the first ").append(count(report.events().size()))
                    .append(" are listed here and in cost.json, all of them in audit.jsonl.</p>\n");
        }
        out.write(h.toString());
        h.setLength(0);
        callsTable(h, report.calls(), palette, out);
        comparisonNote(h, report.counterfactual());
        h.append("<footer class=\"note\"><p>Generated by AI Lanes from the run's audit log. cost.json beside this "
                + "file holds the same figures with exact amounts and every attempt.</p></footer>\n</body></html>\n");
        out.write(h.toString());
        out.flush();
    }

    private static void summary(StringBuilder h, CostReport report) {
        Totals t = report.totals();
        CounterfactualResult c = report.counterfactual();
        h.append("<section class=\"summary\"><div class=\"cards\">");
        card(h, "", "Total cost", usd(t.costUsd()), "exact " + ReportFormat.exactUsd(t.costUsd()));
        if (c == null) {
            card(h, "", "Saving vs. all-premium", "\u2013", "no premium model configured for comparison");
        } else if (c.savingUsd().signum() >= 0) {
            card(h, "good", "Saved vs. all-premium", usd(c.savingUsd()),
                    percent(c.savingPercent()) + " less than " + usd(c.premiumUsd()) + " on " + c.premiumModel());
        } else {
            card(h, "bad", "Extra cost vs. all-premium", usd(c.savingUsd().negate()),
                    percent(c.savingPercent() == null ? null : c.savingPercent().negate()) + " more than "
                            + usd(c.premiumUsd()) + " on " + c.premiumModel());
        }
        long retries = t.retries();
        card(h, "", "Model calls", count(t.calls()), count(t.attempts()) + (t.attempts() == 1 ? " attempt (" : " attempts (")
                + count(retries) + (retries == 1 ? " retry or fallback), " : " retries or fallbacks), ")
                + count(t.failedCalls()) + (t.failedCalls() == 1 ? " call failed" : " calls failed"));
        card(h, "", "Tokens", count(t.tokens().totalTokens()), count(t.tokens().totalInputTokens()) + " in ("
                + share(t.cacheShare()) + " from cache), " + count(t.tokens().totalOutputTokens()) + " out");
        long overruns = report.budgets().stream().filter(BudgetSummary::overrun).count();
        if (report.budgets().isEmpty()) {
            card(h, "", "Budgets", "\u2013", "no budget scopes reported");
        } else if (overruns == 0) {
            // Green says the run went well; a run none of whose calls succeeded did not, whatever its spend.
            boolean nothingSucceeded = t.calls() > 0 && t.failedCalls() == t.calls();
            card(h, nothingSucceeded ? "" : "good", "Budgets", "Within caps", count(report.budgets().size())
                    + " scopes checked" + (nothingSucceeded ? "; no call succeeded" : ""));
        } else {
            card(h, "bad", "Budgets", count(overruns) + " overrun", "of " + count(report.budgets().size())
                    + " scopes");
        }
        h.append("</div><p class=\"plain\">").append(escape(plainWords(report))).append("</p></section>\n");
    }

    /** The summary as sentences: what it cost, what it would have cost, and whether budgets held. */
    static String plainWords(CostReport report) {
        Totals t = report.totals();
        StringBuilder s = new StringBuilder();
        s.append("This run made ").append(count(t.calls())).append(t.calls() == 1 ? " model call" : " model calls")
                .append(" (").append(count(t.attempts())).append(t.attempts() == 1 ? " attempt" : " attempts")
                .append(") and cost ").append(usd(t.costUsd())).append(" in total.");
        if (t.failedCalls() > 0) {
            s.append(' ').append(count(t.failedCalls())).append(t.failedCalls() == 1 ? " call" : " calls")
                    .append(" did not succeed.");
        }
        CounterfactualResult c = report.counterfactual();
        if (c != null) {
            s.append(" Had the same token volumes run on ").append(c.premiumModel())
                    .append(" at its own prices, they would have cost ").append(usd(c.premiumUsd()));
            int sign = c.savingUsd().signum();
            if (sign > 0) {
                s.append(", so the lanes saved ").append(usd(c.savingUsd())).append(" (")
                        .append(percent(c.savingPercent())).append(").");
            } else if (sign == 0) {
                s.append(", exactly what it cost: no saving.");
            } else {
                s.append(", so the lanes cost ").append(usd(c.savingUsd().negate())).append(" more");
                if (c.savingPercent() != null) {
                    s.append(" (").append(percent(c.savingPercent().negate())).append(" extra)");
                }
                s.append('.');
            }
        }
        List<BudgetSummary> budgets = report.budgets();
        List<String> overrun = budgets.stream().filter(BudgetSummary::overrun).map(b -> b.line().scope()).toList();
        if (!overrun.isEmpty()) {
            s.append(' ').append(overrun.size() == 1 ? "One budget was overrun: " : overrun.size()
                    + " budgets were overrun: ").append(String.join(", ", overrun)).append('.');
        } else {
            budgets.stream().filter(b -> b.percentUsed() != null)
                    .max((a, b) -> a.percentUsed().compareTo(b.percentUsed()))
                    .ifPresent(b -> s.append(" No budget cap was exceeded; the fullest scope, ")
                            .append(b.line().scope()).append(", used ").append(percent(b.percentUsed()))
                            .append(" of its ").append(usd(b.line().capUsd())).append(" cap."));
        }
        return s.toString();
    }

    static final String CHEAPER = "#2e7d32";
    static final String DEARER = "#c62828";
    static final String PAID = "#9e9e9e";

    /** The What-if section: a bar per alternative against what was paid, then each alternative's lines. */
    private static void whatIf(StringBuilder h, WhatIf w, SvgCharts charts) {
        if (w.isEmpty()) {
            return;
        }
        h.append("<section id=\"what-if\"><h2>What if</h2><p>")
                .append(escape(ReportFormat.count(w.attempts()) + " billed attempts of " + w.sources().size()
                        + " audit(s) re-priced, token for token, under other routings. Paid: " + usd(w.paidUsd())
                        + " (the recorded costs; prices " + (w.paidPrices() == null ? "of a date the audit does not record"
                                : "as of " + w.paidPrices()) + "). Alternatives priced with " + w.catalogLabel()
                        + (w.catalogDate() == null ? "" : " of " + w.catalogDate())
                        + (w.asRoutedUsd() == null ? "." : "; the run as routed would cost " + usd(w.asRoutedUsd())
                                + " at those prices.")));
        if (!w.unverified().isEmpty()) {
            h.append(" <span class=\"over\">NOT VERIFIED: ").append(escape(String.join(", ", w.unverified())))
                    .append("</span>");
        }
        h.append("</p>");
        List<SvgCharts.Bar> bars = new ArrayList<>();
        bars.add(new SvgCharts.Bar("Paid", w.paidUsd(), PAID, usd(w.paidUsd())));
        for (WhatIf.Alternative a : w.alternatives()) {
            int sign = a.differenceUsd().signum();
            bars.add(new SvgCharts.Bar(a.spec(), a.totalUsd(), sign < 0 ? CHEAPER : sign > 0 ? DEARER : PAID,
                    usd(a.totalUsd()) + " (" + signedPercent(a.differencePercent()) + ")"));
        }
        figure(h, "Total per alternative", charts.bars("Total per alternative", bars),
                "Grey: what was paid; green: the alternative costs less; red: it costs more. Each figure rests on "
                        + "the assumptions listed with it.");
        for (WhatIf.Alternative a : w.alternatives()) {
            h.append("<h3>").append(escape(a.spec())).append(": ").append(escape(usd(a.totalUsd())))
                    .append(", ").append(escape(signedUsd(a.differenceUsd()))).append(" (")
                    .append(escape(signedPercent(a.differencePercent()))).append(") against paid ")
                    .append(notes(a.notes())).append("</h3><p class=\"note\">").append(escape(a.description()))
                    .append("</p>");
            whatIfTable(h, "Step", a.byStep());
            whatIfTable(h, "Lane", a.byLane());
            if (!a.assumptions().isEmpty()) {
                h.append("<ul class=\"note\">");
                for (WhatIf.Assumption as : a.assumptions()) {
                    h.append("<li><b>[").append(escape(as.key())).append("]</b> ").append(escape(as.text()))
                            .append("</li>");
                }
                h.append("</ul>");
            }
        }
        h.append("</section>\n");
    }

    private static void whatIfTable(StringBuilder h, String keyHeader, List<WhatIf.Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        h.append("<table><thead><tr><th>").append(keyHeader).append("</th><th class=\"n\">Paid</th>")
                .append("<th class=\"n\">Simulated</th><th class=\"n\">Difference</th><th class=\"n\">%</th>")
                .append("<th>Assumptions</th></tr></thead><tbody>");
        for (WhatIf.Line l : lines) {
            h.append("<tr><td>").append(escape(l.name())).append("</td>");
            money(h, l.paidUsd());
            money(h, l.simulatedUsd());
            h.append("<td class=\"n\" title=\"").append(escape(ReportFormat.exactUsd(l.differenceUsd())))
                    .append("\">").append(escape(signedUsd(l.differenceUsd()))).append("</td>");
            num(h, signedPercent(l.differencePercent()));
            h.append("<td>").append(notes(l.notes())).append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private static String notes(List<String> keys) {
        StringBuilder s = new StringBuilder();
        for (String key : keys) {
            s.append(s.length() == 0 ? "" : " ").append("[").append(escape(key)).append("]");
        }
        return s.toString();
    }

    private static String signedUsd(BigDecimal amount) {
        return (amount.signum() > 0 ? "+" : amount.signum() < 0 ? "\u2212" : "") + usd(amount.abs());
    }

    private static String signedPercent(BigDecimal percent) {
        if (percent == null) {
            return "\u2013";
        }
        return (percent.signum() > 0 ? "+" : percent.signum() < 0 ? "\u2212" : "") + percent(percent.abs());
    }

    private static void card(StringBuilder h, String cls, String key, String value, String detail) {
        h.append("<div class=\"card ").append(cls).append("\"><div class=\"k\">").append(escape(key))
                .append("</div><div class=\"v\">").append(escape(value)).append("</div><div class=\"d\">")
                .append(escape(detail)).append("</div></div>");
    }

    private static void figure(StringBuilder h, String caption, String svg, String note) {
        h.append("<figure><figcaption>").append(escape(caption)).append("</figcaption>").append(svg);
        if (note != null) {
            h.append("<p class=\"note\">").append(escape(note)).append("</p>");
        }
        h.append("</figure>");
    }

    private static String costLabel(GroupSummary g, CostReport report) {
        return usd(g.costUsd()) + " (" + percent(Ratios.percent(g.costUsd(), report.totals().costUsd())) + ")";
    }

    private static void groupTable(StringBuilder h, String title, String keyHeader, List<GroupSummary> groups,
            CostReport report, Palette palette, boolean swatch) {
        h.append("<section><h2>").append(title).append("</h2><table><thead><tr><th>").append(keyHeader)
                .append("</th>");
        if ("Model".equals(keyHeader)) {
            h.append("<th>Lanes</th>");
        } else {
            h.append("<th>Models</th>");
        }
        h.append("<th class=\"n\">Cost</th><th class=\"n\">Share</th><th class=\"n\">Calls</th>"
                + "<th class=\"n\">Attempts</th><th class=\"n\">Not succeeded</th><th class=\"n\">Input tokens</th>"
                + "<th class=\"n\">From cache</th><th class=\"n\">Output tokens</th><th class=\"n\">Reasoning</th>"
                + "<th class=\"n\">Mean latency</th></tr></thead><tbody>");
        for (GroupSummary g : groups) {
            h.append(swatch ? "<tr><td class=\"nw\">" : "<tr><td>");
            if (swatch) {
                h.append("<span class=\"sw\" style=\"background:").append(palette.lane(g.key())).append("\"></span>");
            }
            // A long model name may break after its slashes rather than widen the table.
            h.append(escape(g.key()).replace("/", "/<wbr>")).append("</td><td>")
                    .append(escape(String.join(", ", "Model".equals(keyHeader) ? g.lanes() : g.models())))
                    .append("</td>");
            money(h, g.costUsd());
            num(h, percent(Ratios.percent(g.costUsd(), report.totals().costUsd())));
            num(h, count(g.calls()));
            num(h, count(g.attempts()));
            num(h, count(g.failedAttempts()));
            Usage u = g.tokens();
            num(h, count(u.totalInputTokens()));
            num(h, share(g.cacheShare()));
            num(h, count(u.outputTokens()));
            num(h, count(u.reasoningTokens()));
            num(h, g.attempts() == 0 ? "\u2013" : ReportFormat.duration(g.latencyMsTotal() / g.attempts()));
            h.append("</tr>");
        }
        Totals t = report.totals();
        h.append("<tr><th>Total</th><th></th>");
        h.append("<th class=\"n\" title=\"").append(escape(ReportFormat.exactUsd(t.costUsd()))).append("\">")
                .append(escape(usd(t.costUsd()))).append("</th><th class=\"n\">100%</th><th class=\"n\">")
                .append(count(t.calls())).append("</th><th class=\"n\">").append(count(t.attempts()))
                .append("</th><th class=\"n\">").append(count(t.failedAttempts())).append("</th><th class=\"n\">")
                .append(count(t.tokens().totalInputTokens())).append("</th><th class=\"n\">")
                .append(share(t.cacheShare())).append("</th><th class=\"n\">")
                .append(count(t.tokens().outputTokens())).append("</th><th class=\"n\">")
                .append(count(t.tokens().reasoningTokens())).append("</th><th class=\"n\">")
                .append(t.attempts() == 0 ? "\u2013" : ReportFormat.duration(t.latencyMsTotal() / t.attempts()))
                .append("</th></tr></tbody></table></section>\n");
    }

    private static void budgetTable(StringBuilder h, List<BudgetSummary> budgets) {
        h.append("<section><h2>Budgets</h2>");
        if (budgets.isEmpty()) {
            h.append("<p>No budget scopes were reported for this run.</p></section>\n");
            return;
        }
        h.append("<table><thead><tr><th>Scope</th><th>Kind</th><th class=\"n\">Cap</th><th class=\"n\">Spent</th>"
                + "<th class=\"n\">Reserved</th><th class=\"n\">Headroom</th><th class=\"n\">Used</th>"
                + "<th>Status</th></tr></thead><tbody>");
        for (BudgetSummary b : budgets) {
            BudgetLine line = b.line();
            h.append("<tr><td>").append(escape(line.scope())).append("</td><td>").append(escape(kindLabel(line.kind())))
                    .append("</td>");
            if (line.capUsd() == null) {
                num(h, "no cap");
            } else {
                money(h, line.capUsd());
            }
            money(h, line.spentUsd());
            money(h, line.reservedUsd());
            if (b.headroomUsd() == null) {
                num(h, "\u2013");
            } else {
                money(h, b.headroomUsd());
            }
            num(h, percent(b.percentUsed()));
            h.append(b.overrun() ? "<td class=\"over\">OVERRUN</td>" : "<td>within cap</td>").append("</tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    /** "Where your data went": each provider's regions, calls and tokens; the region policy; where the records are. */
    private static void residencyTable(StringBuilder h, DataResidency r) {
        h.append("<section id=\"residency\"><h2>Where your data went</h2><p class=\"note\">");
        if (r.allowedRegions() == null) {
            h.append("No region policy was set for this run (policy.allowedRegions): any configured provider could be"
                    + " called.");
        } else {
            h.append("policy.allowedRegions allowed ").append(escape(String.join(", ", r.allowedRegions())))
                    .append(": no request was sent to a provider outside these regions or of unknown region.");
        }
        h.append(" Regions come from the provider's dataRegion in the configuration, or else from the bundled region"
                + " catalog, which cites each provider's own documentation.</p>");
        if (r.providers().isEmpty()) {
            h.append("<p>No provider was called.</p>");
        } else {
            h.append("<table><thead><tr><th>Provider</th><th>Region</th><th>On what word</th><th class=\"n\">Calls</th>"
                    + "<th class=\"n\">Attempts</th><th class=\"n\">Input tokens</th><th class=\"n\">Output tokens</th>"
                    + "<th class=\"n\">Skipped by region policy</th></tr></thead><tbody>");
            for (DataResidency.ProviderUse p : r.providers()) {
                h.append("<tr><td>").append(escape(p.provider())).append("</td><td>")
                        .append(p.regions().isEmpty() ? "unknown" : escape(String.join(", ", p.regions())))
                        .append("</td><td>").append(escape(basisLabel(p.basis())));
                if (p.source() != null && p.source().matches("https://[^\\s\"'<>]+")) {
                    h.append(" (<a href=\"").append(escape(p.source())).append("\">").append(escape(p.source()))
                            .append("</a>)");
                } else if (p.source() != null) {
                    h.append(" (").append(escape(p.source())).append(')');
                }
                h.append("</td>");
                num(h, count(p.calls()));
                num(h, count(p.attempts()));
                num(h, count(p.inputTokens()));
                num(h, count(p.outputTokens()));
                h.append(p.refused() > 0 ? "<td class=\"n over\">" + count(p.refused()) + "</td>" : "<td class=\"n\">0</td>")
                        .append("</tr>");
            }
            h.append("</tbody></table>");
        }
        h.append("<p class=\"note\">The run's records (")
                .append(escape(String.join(", ", DataResidency.RECORDS))).append(") are kept in ")
                .append(r.recordsKeptIn() == null ? "the run's output directory"
                        : "<code>" + escape(r.recordsKeptIn()) + "</code>")
                .append(" on the machine that ran the engine (in Jenkins, the controller's build directory; the build"
                        + " also archives them as artifacts).</p></section>\n");
    }

    private static String basisLabel(String basis) {
        return switch (basis) {
            case "configured" -> "dataRegion in the configuration";
            case "catalog" -> "bundled region catalog";
            case "unknown" -> "unknown: not in the catalog, no dataRegion";
            default -> basis;
        };
    }

    /** The risk class and every decision it caused; nothing when the audit records no class. */
    private static void riskSection(StringBuilder h, CostReport report) {
        List<PolicyEvent> decisions = report.riskDecisions();
        if (report.riskClass() == null && decisions.isEmpty()) {
            return;
        }
        h.append("<section id=\"risk\"><h2>Risk class</h2><p class=\"plain\">Class <strong>")
                .append(escape(report.riskClass() == null ? "not recorded" : report.riskClass()))
                .append("</strong>. What it decided, step by step; each is a line in audit.jsonl.</p>");
        if (!decisions.isEmpty()) {
            h.append("<table><thead><tr><th>Step</th><th>Decision</th><th>What and why</th></tr></thead><tbody>");
            for (PolicyEvent e : decisions) {
                h.append("<tr><td>").append(escape(e.step())).append("</td><td")
                        .append(PolicyEvent.RISK_REFUSED.equals(e.kind()) || PolicyEvent.APPROVAL_REQUIRED.equals(e.kind())
                                ? " class=\"over\"" : "")
                        .append(">").append(escape(e.kind())).append("</td><td>").append(escape(e.message()))
                        .append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        h.append("</section>\n");
    }

    private static void eventTable(StringBuilder h, List<PolicyEvent> all) {
        List<PolicyEvent> allowed = all.stream().filter(PolicyEvent::allowed).toList();
        if (!allowed.isEmpty()) {
            h.append("<section><h2>Build files changed</h2><p class=\"note\">Build files run code on the next build;"
                    + " the policy (policy.allowSensitive) let these changes through. Each is a line in audit.jsonl."
                    + "</p><table><thead><tr><th>Step</th><th class=\"n\">Round</th><th>What</th></tr></thead><tbody>");
            for (PolicyEvent e : allowed) {
                h.append("<tr><td>").append(escape(e.step())).append("</td><td class=\"n\">")
                        .append(e.round() == null ? "" : e.round()).append("</td><td>").append(escape(e.message()))
                        .append("</td></tr>");
            }
            h.append("</tbody></table></section>\n");
        }
        List<PolicyEvent> events = all.stream().filter(e -> !e.allowed()).toList();
        if (events.isEmpty()) {
            return;
        }
        h.append("<section><h2>Blocked by policy</h2><p class=\"note\">What the edit policy, the plan-gate policy, the"
                + " path rules or the region policy refused: nothing of it reached the workspace, ran or was sent."
                + " Each is a line in audit.jsonl."
                + "</p><table><thead><tr><th>Step</th><th class=\"n\">Round</th><th>Kind</th><th>What and why</th>"
                + "</tr></thead><tbody>");
        for (PolicyEvent e : events) {
            h.append("<tr><td>").append(escape(e.step())).append("</td><td class=\"n\">")
                    .append(e.round() == null ? "" : e.round()).append("</td><td class=\"over\">").append(escape(e.kind()))
                    .append("</td><td>").append(escape(e.message())).append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void fixRoundTable(StringBuilder h, FixRounds f) {
        if (f.firstRound() == null && f.rounds().isEmpty()) {
            return;
        }
        h.append("<section><h2>Prompt cache on fix rounds</h2><p class=\"note\">Fix rounds resend the plan and "
                + "the files, so most of their input should come from the provider's prompt cache at a discount."
                + "</p><table><thead><tr><th>Implement round</th><th class=\"n\">Attempts</th>"
                + "<th class=\"n\">Input tokens</th><th class=\"n\">From cache</th><th class=\"n\">Cached share</th>"
                + "</tr></thead><tbody>");
        List<FixRounds.RoundShare> rows = new ArrayList<>();
        if (f.firstRound() != null) {
            rows.add(f.firstRound());
        }
        rows.addAll(f.rounds());
        for (FixRounds.RoundShare r : rows) {
            roundRow(h, "td", r.round() == 1 ? "1 (first implementation)" : String.valueOf(r.round()), r);
        }
        if (!f.rounds().isEmpty()) {
            roundRow(h, "th", "Fix rounds (2 and later)", f.overall());
        }
        h.append("</tbody></table></section>\n");
    }

    private static void roundRow(StringBuilder h, String cell, String label, FixRounds.RoundShare r) {
        h.append("<tr><").append(cell).append('>').append(escape(label)).append("</").append(cell).append('>');
        for (String v : List.of(count(r.attempts()), count(r.totalInputTokens()), count(r.cacheReadTokens()),
                share(r.cachedShare()))) {
            h.append('<').append(cell).append(" class=\"n\">").append(v).append("</").append(cell).append('>');
        }
        h.append("</tr>");
    }

    private static void callsTable(StringBuilder h, CallTable calls, Palette palette, Writer out)
            throws IOException {
        long n = calls.size();
        List<ReportCall> first = calls.first();
        List<ReportCall> last = calls.last();
        if (n > CALLS_TABLE_MAX) {
            // The rows in memory are the first ones and the last ones: show the edges of each.
            List<ReportCall> all = new ArrayList<>(first);
            all.addAll(last);
            first = all.subList(0, CALLS_TABLE_EDGE);
            last = all.subList(all.size() - CALLS_TABLE_EDGE, all.size());
        }
        long hidden = n - first.size() - last.size();
        h.append("<section><h2>Calls</h2>");
        if (hidden > 0) {
            h.append("<p class=\"note\">Showing the first ").append(count(first.size())).append(" and the last ")
                    .append(count(last.size())).append(" of ").append(count(n))
                    .append(" attempts; cost.json lists every attempt.</p>");
        }
        h.append("<table><thead><tr><th class=\"n\">#</th><th>Time (UTC)</th><th>Call</th><th class=\"n\">Try</th>"
                + "<th>Step</th><th>Lane</th><th>Model</th><th>Outcome</th><th class=\"n\">In</th>"
                + "<th class=\"n\">Cached</th><th class=\"n\">Out</th><th class=\"n\">Cost</th>"
                + "<th class=\"n\">Latency</th><th>Error or routing reason</th></tr></thead><tbody>");
        callRows(h, first, palette, out);
        if (hidden > 0) {
            h.append("<tr><td colspan=\"14\" class=\"note\">… ").append(count(hidden))
                    .append(hidden == 1 ? " attempt" : " attempts").append(" not shown: see cost.json …</td></tr>");
        }
        callRows(h, last, palette, out);
        h.append("</tbody></table></section>\n");
    }

    private static void callRows(StringBuilder h, List<ReportCall> rows, Palette palette, Writer out)
            throws IOException {
        for (ReportCall c : rows) {
            h.append("<tr>");
            num(h, String.valueOf(c.seq()));
            h.append("<td>").append(ReportFormat.clock(c.timestamp())).append("</td><td>")
                    .append(Html.escapeShort(c.callId(), 24)).append("</td>");
            num(h, String.valueOf(c.attempt()));
            h.append("<td>").append(escape(c.step()));
            if (c.round() != null) {
                h.append(" (round ").append(c.round()).append(')');
            }
            h.append("</td><td class=\"nw\"><span class=\"sw\" style=\"background:").append(palette.lane(c.lane()))
                    .append("\"></span>").append(escape(c.lane())).append("</td><td>").append(escape(c.model()))
                    .append("</td><td").append(c.succeeded() ? ">" : " class=\"over\">").append(escape(c.outcome()))
                    .append("</td>");
            Usage u = c.usage();
            num(h, count(u.totalInputTokens()));
            num(h, count(u.cacheReadTokens()));
            num(h, count(u.totalOutputTokens()));
            money(h, c.costUsd());
            num(h, ReportFormat.duration(c.latencyMs()));
            if (c.errorMessage() != null) {
                h.append("<td class=\"err\">").append(Html.escapeShort(c.errorMessage(), 240)).append("</td>");
            } else {
                h.append("<td>").append(Html.escapeShort(c.routingReason() == null ? "" : c.routingReason(), 120))
                        .append("</td>");
            }
            h.append("</tr>");
            if (h.length() > 1 << 16) {
                out.write(h.toString());
                h.setLength(0);
            }
        }
    }

    private static void comparisonNote(StringBuilder h, CounterfactualResult c) {
        if (c == null) {
            return;
        }
        h.append("<section><h2>About the all-premium comparison</h2><p>").append(escape(c.note()))
                .append("</p><p class=\"note\">Priced ").append(count(c.pricedAttempts()))
                .append(" billed attempts. Exact figures: actual ").append(escape(ReportFormat.exactUsd(c.actualUsd())))
                .append(", all-premium ").append(escape(ReportFormat.exactUsd(c.premiumUsd()))).append(", difference ")
                .append(escape(ReportFormat.exactUsd(c.savingUsd()))).append(".</p></section>\n");
    }

    private static void money(StringBuilder h, BigDecimal amount) {
        h.append("<td class=\"n\" title=\"").append(escape(ReportFormat.exactUsd(amount))).append("\">")
                .append(escape(usd(amount))).append("</td>");
    }

    private static void num(StringBuilder h, String text) {
        h.append("<td class=\"n\">").append(escape(text)).append("</td>");
    }

    /** {@code job month} for {@code JOB_MONTH}; a kind this version does not know stays as written. */
    private static String kindLabel(String kind) {
        if (kind == null) {
            return "";
        }
        try {
            return io.ailanes.engine.budget.ScopeKind.valueOf(kind).label();
        } catch (IllegalArgumentException e) {
            return kind;
        }
    }

    private static String styleSheet() {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing beside " + HtmlReportWriter.class.getName()
                        + "; the engine jar is incomplete, rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report.css from the engine jar", e);
        }
    }
}
