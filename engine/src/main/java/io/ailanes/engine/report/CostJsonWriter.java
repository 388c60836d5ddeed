package io.ailanes.engine.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Usage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes cost.json ({@code docs/cost.schema.json}) with Jackson's streaming generator, so the calls section
 * of a 1M-attempt run goes out row by row, read back from the {@link CallTable}'s spill file. Money is an exact decimal string; shares and percentages are
 * JSON numbers.
 */
public final class CostJsonWriter {

    public void write(CostReport report, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(report, out);
        }
    }

    public void write(CostReport report, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", CostReport.SCHEMA);
            run(g, report.run());
            totals(g, report.totals());
            groups(g, "byStep", "step", report.byStep(), report.totals().costUsd());
            groups(g, "byLane", "lane", report.byLane(), report.totals().costUsd());
            groups(g, "byModel", "model", report.byModel(), report.totals().costUsd());
            budgets(g, report.budgets());
            counterfactual(g, report.counterfactual());
            fixRounds(g, report.fixRounds());
            events(g, report.events());
            residency(g, report.residency());
            risk(g, report);
            whatIf(g, report.whatIf());
            calls(g, report.calls());
            g.writeEndObject();
        }
    }

    /** Exact and plain: no exponent, no trailing zeros ("0.000375", "12", "0"). */
    static String money(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static void run(JsonGenerator g, RunInfo run) throws IOException {
        g.writeObjectFieldStart("run");
        g.writeStringField("runId", run.runId());
        g.writeStringField("title", run.title());
        instant(g, "startedAt", run.startedAt());
        instant(g, "finishedAt", run.finishedAt());
        if (run.startedAt() != null && run.finishedAt() != null) {
            g.writeNumberField("durationMs", Duration.between(run.startedAt(), run.finishedAt()).toMillis());
        } else {
            g.writeNullField("durationMs");
        }
        g.writeStringField("currency", run.currency());
        g.writeEndObject();
    }

    private static void totals(JsonGenerator g, Totals t) throws IOException {
        g.writeObjectFieldStart("totals");
        g.writeStringField("costUsd", money(t.costUsd()));
        tokens(g, t.tokens(), true);
        number(g, "cacheShare", t.cacheShare());
        g.writeNumberField("calls", t.calls());
        g.writeNumberField("attempts", t.attempts());
        g.writeNumberField("failedAttempts", t.failedAttempts());
        g.writeNumberField("failedCalls", t.failedCalls());
        g.writeObjectFieldStart("outcomes");
        for (Map.Entry<String, Long> e : t.outcomes().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        latency(g, t.latencyMsTotal(), t.latencyMsMean(), t.latencyMsMax());
        g.writeEndObject();
    }

    private static void groups(JsonGenerator g, String section, String keyName, List<GroupSummary> groups,
            BigDecimal total) throws IOException {
        g.writeArrayFieldStart(section);
        for (GroupSummary s : groups) {
            g.writeStartObject();
            g.writeStringField(keyName, s.key());
            if ("model".equals(keyName)) {
                g.writeStringField("family", s.family());
            }
            strings(g, "lanes", s.lanes());
            strings(g, "models", s.models());
            g.writeStringField("costUsd", money(s.costUsd()));
            number(g, "costPercent", Ratios.percent(s.costUsd(), total));
            tokens(g, s.tokens(), true);
            number(g, "cacheShare", s.cacheShare());
            g.writeNumberField("calls", s.calls());
            g.writeNumberField("attempts", s.attempts());
            g.writeNumberField("failedAttempts", s.failedAttempts());
            latency(g, s.latencyMsTotal(), mean(s.latencyMsTotal(), s.attempts()), s.latencyMsMax());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void budgets(JsonGenerator g, List<BudgetSummary> budgets) throws IOException {
        g.writeArrayFieldStart("budgets");
        for (BudgetSummary b : budgets) {
            BudgetLine line = b.line();
            g.writeStartObject();
            g.writeStringField("scope", line.scope());
            g.writeStringField("kind", line.kind());
            nullableMoney(g, "capUsd", line.capUsd());
            g.writeStringField("spentUsd", money(line.spentUsd()));
            g.writeStringField("reservedUsd", money(line.reservedUsd()));
            nullableMoney(g, "headroomUsd", b.headroomUsd());
            number(g, "percentUsed", b.percentUsed());
            g.writeBooleanField("overrun", b.overrun());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void counterfactual(JsonGenerator g, CounterfactualResult c) throws IOException {
        if (c == null) {
            g.writeNullField("counterfactual");
            return;
        }
        g.writeObjectFieldStart("counterfactual");
        g.writeStringField("premiumModel", c.premiumModel());
        g.writeStringField("actualUsd", money(c.actualUsd()));
        g.writeStringField("premiumUsd", money(c.premiumUsd()));
        g.writeStringField("savingUsd", money(c.savingUsd()));
        number(g, "savingPercent", c.savingPercent());
        g.writeNumberField("pricedAttempts", c.pricedAttempts());
        g.writeStringField("note", c.note());
        g.writeEndObject();
    }

    /** The {@code whatIf} object alone (what {@code ai-lanes simulate --json} writes). */
    public void writeWhatIf(WhatIf whatIf, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            whatIfObject(g, whatIf);
        }
    }

    private static void whatIf(JsonGenerator g, WhatIf w) throws IOException {
        g.writeFieldName("whatIf");
        if (w == null || w.isEmpty()) {
            g.writeNull();
            return;
        }
        whatIfObject(g, w);
    }

    private static void whatIfObject(JsonGenerator g, WhatIf w) throws IOException {
        g.writeStartObject();
        strings(g, "sources", w.sources());
        strings(g, "unverified", w.unverified());
        g.writeNumberField("attempts", w.attempts());
        g.writeStringField("paidUsd", money(w.paidUsd()));
        g.writeStringField("paidPrices", w.paidPrices());
        g.writeStringField("catalogDate", w.catalogDate());
        g.writeStringField("catalog", w.catalogLabel());
        nullableMoney(g, "asRoutedUsd", w.asRoutedUsd());
        g.writeArrayFieldStart("alternatives");
        for (WhatIf.Alternative a : w.alternatives()) {
            g.writeStartObject();
            g.writeStringField("kind", a.kind());
            g.writeStringField("spec", a.spec());
            g.writeStringField("description", a.description());
            g.writeStringField("totalUsd", money(a.totalUsd()));
            g.writeStringField("differenceUsd", money(a.differenceUsd()));
            number(g, "differencePercent", a.differencePercent());
            strings(g, "notes", a.notes());
            whatIfLines(g, "byStep", "step", a.byStep());
            whatIfLines(g, "byLane", "lane", a.byLane());
            g.writeArrayFieldStart("assumptions");
            for (WhatIf.Assumption as : a.assumptions()) {
                g.writeStartObject();
                g.writeStringField("key", as.key());
                g.writeStringField("text", as.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void whatIfLines(JsonGenerator g, String section, String keyName, List<WhatIf.Line> lines)
            throws IOException {
        g.writeArrayFieldStart(section);
        for (WhatIf.Line l : lines) {
            g.writeStartObject();
            g.writeStringField(keyName, l.name());
            g.writeStringField("paidUsd", money(l.paidUsd()));
            g.writeStringField("simulatedUsd", money(l.simulatedUsd()));
            g.writeStringField("differenceUsd", money(l.differenceUsd()));
            number(g, "differencePercent", l.differencePercent());
            strings(g, "notes", l.notes());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void residency(JsonGenerator g, DataResidency r) throws IOException {
        g.writeObjectFieldStart("residency");
        if (r.allowedRegions() == null) {
            g.writeNullField("allowedRegions");
        } else {
            strings(g, "allowedRegions", r.allowedRegions());
        }
        g.writeArrayFieldStart("providers");
        for (DataResidency.ProviderUse p : r.providers()) {
            g.writeStartObject();
            g.writeStringField("provider", p.provider());
            strings(g, "regions", p.regions());
            g.writeStringField("basis", p.basis());
            g.writeStringField("source", p.source());
            g.writeNumberField("calls", p.calls());
            g.writeNumberField("attempts", p.attempts());
            g.writeNumberField("inputTokens", p.inputTokens());
            g.writeNumberField("outputTokens", p.outputTokens());
            g.writeNumberField("refused", p.refused());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("records");
        g.writeStringField("directory", r.recordsKeptIn());
        strings(g, "files", DataResidency.RECORDS);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The risk class and its decisions (also among {@code events}): what the class changed, step by step. */
    private static void risk(JsonGenerator g, CostReport report) throws IOException {
        g.writeObjectFieldStart("risk");
        g.writeStringField("class", report.riskClass());
        eventArray(g, "decisions", report.riskDecisions());
        g.writeEndObject();
    }

    private static void events(JsonGenerator g, List<PolicyEvent> events) throws IOException {
        eventArray(g, "events", events);
    }

    private static void eventArray(JsonGenerator g, String field, List<PolicyEvent> events) throws IOException {
        g.writeArrayFieldStart(field);
        for (PolicyEvent e : events) {
            g.writeStartObject();
            g.writeStringField("at", e.at() == null ? null : e.at().toString());
            g.writeStringField("step", e.step());
            g.writeStringField("kind", e.kind());
            g.writeStringField("message", e.message());
            if (e.round() == null) {
                g.writeNullField("round");
            } else {
                g.writeNumberField("round", e.round());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void fixRounds(JsonGenerator g, FixRounds f) throws IOException {
        g.writeObjectFieldStart("fixRounds");
        g.writeFieldName("firstRound");
        roundShare(g, f.firstRound());
        g.writeArrayFieldStart("rounds");
        for (FixRounds.RoundShare r : f.rounds()) {
            roundShare(g, r);
        }
        g.writeEndArray();
        g.writeFieldName("overall");
        roundShare(g, f.overall());
        g.writeEndObject();
    }

    private static void roundShare(JsonGenerator g, FixRounds.RoundShare r) throws IOException {
        if (r == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        if (r.round() != null) {
            g.writeNumberField("round", r.round());
        }
        g.writeNumberField("attempts", r.attempts());
        g.writeNumberField("totalInputTokens", r.totalInputTokens());
        g.writeNumberField("cacheReadTokens", r.cacheReadTokens());
        number(g, "cachedShare", r.cachedShare());
        g.writeEndObject();
    }

    private static void calls(JsonGenerator g, CallTable calls) throws IOException {
        g.writeArrayFieldStart("calls");
        for (ReportCall c : calls) {
            g.writeStartObject();
            g.writeNumberField("seq", c.seq());
            g.writeStringField("timestamp", c.timestamp().toString());
            g.writeStringField("callId", c.callId());
            g.writeNumberField("attempt", c.attempt());
            g.writeStringField("step", c.step());
            g.writeStringField("lane", c.lane());
            g.writeStringField("model", c.model());
            g.writeStringField("family", c.family());
            g.writeStringField("outcome", c.outcome());
            tokens(g, c.usage(), false);
            g.writeStringField("costUsd", money(c.costUsd()));
            g.writeNumberField("latencyMs", c.latencyMs());
            if (c.round() == null) {
                g.writeNullField("round");
            } else {
                g.writeNumberField("round", c.round());
            }
            g.writeStringField("routingReason", c.routingReason());
            g.writeStringField("errorMessage", c.errorMessage());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void tokens(JsonGenerator g, Usage u, boolean withSums) throws IOException {
        g.writeObjectFieldStart("tokens");
        g.writeNumberField("input", u.inputTokens());
        g.writeNumberField("cacheRead", u.cacheReadTokens());
        g.writeNumberField("cacheWrite", u.cacheWriteTokens());
        g.writeNumberField("cacheWrite1h", u.cacheWrite1hTokens());
        g.writeNumberField("output", u.outputTokens());
        g.writeNumberField("reasoning", u.reasoningTokens());
        if (withSums) {
            g.writeNumberField("totalInput", u.totalInputTokens());
            g.writeNumberField("totalOutput", u.totalOutputTokens());
            g.writeNumberField("total", u.totalTokens());
        }
        g.writeEndObject();
    }

    private static void latency(JsonGenerator g, long total, BigDecimal mean, long max) throws IOException {
        g.writeObjectFieldStart("latencyMs");
        g.writeNumberField("total", total);
        number(g, "mean", mean);
        g.writeNumberField("max", max);
        g.writeEndObject();
    }

    private static BigDecimal mean(long total, long count) {
        return count == 0 ? null
                : BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 1, java.math.RoundingMode.HALF_EVEN);
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, BigDecimal value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    private static void nullableMoney(JsonGenerator g, String name, BigDecimal value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, money(value));
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value.toString());
        }
    }
}
