package io.ailanes.engine.forecast;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link Forecast} for people (lines for a terminal or a build log) and for machines (forecast JSON). */
public final class ForecastText {

    /** The {@code schema} field of the JSON form. */
    public static final String SCHEMA = "ai-lanes/forecast/v1";

    private ForecastText() {}

    /** The forecast as aligned lines: the build, then each step and lane, then the audits left out. */
    public static List<String> lines(Forecast forecast) {
        List<String> lines = new ArrayList<>();
        lines.add("Next build at today's prices (catalog of " + forecast.pricesAsOf() + "), from "
                + forecast.builds().size() + (forecast.builds().size() == 1 ? " past build" : " past builds")
                + "; nearest-rank p50 and p95:");
        lines.add(row("build", forecast.total(), true));
        if (!forecast.byStep().isEmpty()) {
            lines.add("by step:");
            forecast.byStep().forEach((step, estimate) -> lines.add(row(step, estimate, false)));
        }
        if (!forecast.byLane().isEmpty()) {
            lines.add("by lane:");
            forecast.byLane().forEach((lane, estimate) -> lines.add(row(lane, estimate, false)));
        }
        if (!forecast.leftOut().isEmpty()) {
            lines.add("left out (" + forecast.leftOut().size() + "):");
            forecast.leftOut().forEach(left -> lines.add("  " + left));
        }
        return lines;
    }

    /** The build's row says in full why a figure is missing; a step's or lane's row says what p95 would need. */
    private static String row(String name, Estimate estimate, boolean full) {
        if (estimate.p50() == null) {
            return String.format("  %-16s %s", name, estimate.p50Text());
        }
        String missing = estimate.p95() != null ? ""
                : full ? "  (p95: " + estimate.p95Text() + ")" : "  (p95 needs " + Estimate.MIN_FOR_P95 + ")";
        return String.format("  %-16s p50 %-10s p95 %-10s %3d builds%s", name, estimate.p50Text(),
                estimate.p95() == null ? "-" : estimate.p95Text(), estimate.builds(), missing);
    }

    /** The forecast as JSON: exact decimal strings for money, null for a figure the history is too short for. */
    public static ObjectNode json(Forecast forecast) {
        ObjectNode root = Json.object();
        root.put("schema", SCHEMA);
        root.put("pricesAsOf", forecast.pricesAsOf() == null ? null : forecast.pricesAsOf().toString());
        root.put("quantiles", "nearest-rank");
        ObjectNode min = root.putObject("minBuilds");
        min.put("p50", Estimate.MIN_FOR_P50);
        min.put("p95", Estimate.MIN_FOR_P95);
        estimate(root.putObject("total"), forecast.total());
        groups(root.putArray("byStep"), "step", forecast.byStep());
        groups(root.putArray("byLane"), "lane", forecast.byLane());
        ArrayNode builds = root.putArray("builds");
        for (PastBuild build : forecast.builds()) {
            ObjectNode node = builds.addObject();
            node.put("name", build.name());
            node.put("runId", build.runId());
            node.put("startedAt", build.startedAt() == null ? null : build.startedAt().toString());
            node.put("recordedUsd", money(build.recordedUsd()));
            node.put("costUsd", money(build.costUsd()));
            node.put("attempts", build.attempts());
        }
        ArrayNode left = root.putArray("leftOut");
        for (LeftOut out : forecast.leftOut()) {
            left.addObject().put("name", out.name()).put("reason", out.reason());
        }
        return root;
    }

    private static void groups(ArrayNode array, String key, Map<String, Estimate> estimates) {
        estimates.forEach((name, estimate) -> {
            ObjectNode node = array.addObject();
            node.put(key, name);
            estimate(node, estimate);
        });
    }

    private static void estimate(ObjectNode node, Estimate estimate) {
        node.put("builds", estimate.builds());
        node.put("p50Usd", money(estimate.p50()));
        node.put("p95Usd", money(estimate.p95()));
        String note = estimate.p50() == null ? estimate.p50Text() : estimate.p95() == null ? estimate.p95Text() : null;
        node.put("note", note);
    }

    /** Exact, no exponent, no trailing zeros, as in cost.json. */
    static String money(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }
}
