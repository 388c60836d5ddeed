package io.ailanes.engine.report;

import static io.ailanes.engine.report.Html.escape;
import static io.ailanes.engine.report.Html.escapeShort;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's inline SVG charts, drawn as plain shapes with no script and no external reference. Every label
 * that came from a run goes through {@link Html#escape}.
 */
final class SvgCharts {

    /** Beyond this many attempts the timeline averages attempts per lane and time slice. */
    static final int TIMELINE_MAX_POINTS = Timeline.MAX_POINTS;
    static final int TIMELINE_SLICES = Timeline.SLICES;

    private static final int WIDTH = 640;
    private static final int LABEL_W = 200;
    private static final int BAR_W = 330;
    /** Characters of a label that fit left of the bars at 12 px (about 7 px a character). */
    private static final int LABEL_CHARS = 26;
    /** Width of one character of a value label, generously, so the longest one fits inside the chart. */
    private static final int CHAR_W = 7;

    private final Palette palette;

    SvgCharts(Palette palette) {
        this.palette = palette;
    }

    /** One bar of a horizontal bar chart. */
    record Bar(String label, BigDecimal value, String colour, String valueText) {}

    String bars(String title, List<Bar> bars) {
        int rowH = 26;
        int height = Math.max(1, bars.size()) * rowH + 8;
        StringBuilder s = open(title, WIDTH, height);
        BigDecimal max = BigDecimal.ZERO;
        int longestValue = 0;
        for (Bar b : bars) {
            max = max.max(b.value());
            longestValue = Math.max(longestValue, b.valueText().length());
        }
        // The longest bar ends where its value label still fits inside the chart.
        int barW = Math.min(BAR_W, WIDTH - LABEL_W - 10 - longestValue * CHAR_W);
        int y = 4;
        for (Bar b : bars) {
            double w = max.signum() == 0 ? 0 : b.value().divide(max, MathContext.DECIMAL64).doubleValue() * barW;
            s.append("<g><title>").append(escape(b.label())).append(": ").append(escape(b.valueText()))
                    .append("</title>");
            s.append("<text x=\"").append(LABEL_W - 8).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\">").append(escapeShort(b.label(), LABEL_CHARS)).append("</text>");
            s.append("<rect x=\"").append(LABEL_W).append("\" y=\"").append(y + 2).append("\" width=\"")
                    .append(num(Math.max(w, b.value().signum() > 0 ? 1 : 0))).append("\" height=\"18\" fill=\"")
                    .append(b.colour()).append("\"/>");
            s.append("<text x=\"").append(num(LABEL_W + w + 6)).append("\" y=\"").append(y + 15).append("\">")
                    .append(escape(b.valueText())).append("</text></g>");
            y += rowH;
        }
        return s.append("</svg>").toString();
    }

    /** Stacked bars of token kinds, one per group, scaled to the largest group. */
    String tokens(String title, List<GroupSummary> groups) {
        int rowH = 26;
        int top = 30;
        int height = top + Math.max(1, groups.size()) * rowH + 6;
        StringBuilder s = open(title, WIDTH, height);
        int x = 0;
        for (int k = 0; k < Palette.TOKEN_LABELS.size(); k++) {
            String label = Palette.TOKEN_LABELS.get(k);
            s.append("<rect x=\"").append(x).append("\" y=\"4\" width=\"12\" height=\"12\" fill=\"")
                    .append(Palette.TOKEN_KINDS.get(k)).append("\"/><text x=\"").append(x + 16)
                    .append("\" y=\"14\">").append(label).append("</text>");
            x += 28 + label.length() * 6;
        }
        long max = 1;
        for (GroupSummary g : groups) {
            max = Math.max(max, g.tokens().totalTokens());
        }
        int y = top;
        for (GroupSummary g : groups) {
            Usage u = g.tokens();
            long[] parts = {u.inputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(), u.cacheWrite1hTokens(),
                    u.outputTokens(), u.reasoningTokens()};
            s.append("<g><title>").append(escape(g.key())).append(": ")
                    .append(ReportFormat.count(u.totalTokens())).append(" tokens</title>");
            s.append("<text x=\"").append(LABEL_W - 8).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\">").append(escapeShort(g.key(), LABEL_CHARS)).append("</text>");
            double at = LABEL_W;
            for (int k = 0; k < parts.length; k++) {
                if (parts[k] == 0) {
                    continue;
                }
                double w = (double) parts[k] / max * BAR_W;
                s.append("<rect x=\"").append(num(at)).append("\" y=\"").append(y + 2).append("\" width=\"")
                        .append(num(Math.max(w, 0.5))).append("\" height=\"18\" fill=\"")
                        .append(Palette.TOKEN_KINDS.get(k)).append("\"><title>")
                        .append(Palette.TOKEN_LABELS.get(k)).append(": ").append(ReportFormat.count(parts[k]))
                        .append("</title></rect>");
                at += w;
            }
            s.append("<text x=\"").append(num(at + 6)).append("\" y=\"").append(y + 15).append("\">")
                    .append(ReportFormat.count(u.totalTokens())).append("</text></g>");
            y += rowH;
        }
        return s.append("</svg>").toString();
    }

    /** Each scope on its own scale: spent, reserved on top, and a marker at the cap. */
    String budgets(String title, List<BudgetSummary> budgets) {
        int rowH = 30;
        int height = Math.max(1, budgets.size()) * rowH + 8;
        StringBuilder s = open(title, WIDTH + 110, height);
        int y = 4;
        for (BudgetSummary b : budgets) {
            BudgetLine line = b.line();
            BigDecimal used = line.spentUsd().add(line.reservedUsd());
            BigDecimal cap = line.capUsd();
            BigDecimal domain = cap == null || cap.signum() == 0 ? used.max(cap == null ? BigDecimal.ZERO : cap)
                    : cap.max(used);
            double spentW = scale(line.spentUsd(), domain);
            double reservedW = scale(line.reservedUsd(), domain);
            String fill = b.overrun() ? "#c62828"
                    : b.percentUsed() != null && b.percentUsed().compareTo(BigDecimal.valueOf(80)) >= 0 ? "#ef8f00"
                    : "#2e7d32";
            String status = cap == null ? ReportFormat.usd(line.spentUsd()) + " spent, no cap"
                    : ReportFormat.percent(b.percentUsed()) + " of " + ReportFormat.usd(cap)
                            + (b.overrun() ? " \u2013 OVERRUN" : "");
            s.append("<g><title>").append(escape(line.scope())).append(": ").append(escape(status))
                    .append("</title>");
            s.append("<text x=\"").append(LABEL_W - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(escapeShort(line.scope(), LABEL_CHARS)).append("</text>");
            s.append("<rect x=\"").append(LABEL_W).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(BAR_W).append("\" height=\"18\" fill=\"#eeeeee\"")
                    .append(cap == null ? " stroke=\"#9e9e9e\" stroke-dasharray=\"4 3\"" : "").append("/>");
            if (cap == null) {
                // Nothing to measure spend against: no bar that would read as "full".
                s.append("<text x=\"").append(LABEL_W + 8).append("\" y=\"").append(y + 16)
                        .append("\" class=\"axis\">no cap</text>");
                spentW = 0;
                reservedW = 0;
            }
            s.append("<rect x=\"").append(LABEL_W).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(num(spentW)).append("\" height=\"18\" fill=\"").append(fill).append("\"/>");
            if (reservedW > 0) {
                s.append("<rect x=\"").append(num(LABEL_W + spentW)).append("\" y=\"").append(y + 3)
                        .append("\" width=\"").append(num(reservedW)).append("\" height=\"18\" fill=\"")
                        .append(fill).append("\" fill-opacity=\"0.4\"/>");
            }
            if (cap != null) {
                double capX = LABEL_W + scale(cap, domain);
                s.append("<line x1=\"").append(num(capX)).append("\" x2=\"").append(num(capX)).append("\" y1=\"")
                        .append(y).append("\" y2=\"").append(y + 24)
                        .append("\" stroke=\"#111111\" stroke-width=\"2\"/>");
            }
            s.append("<text x=\"").append(LABEL_W + BAR_W + 8).append("\" y=\"").append(y + 16).append("\">")
                    .append(escape(status)).append("</text></g>");
            y += rowH;
        }
        return s.append("</svg>").toString();
    }

    /**
     * Attempts over time (x) by cost (y), coloured by lane; failed attempts hollow. Beyond
     * {@link #TIMELINE_MAX_POINTS} attempts, one dot per lane and time slice at the slice's mean cost, with a line
     * from the slice's cheapest to its dearest attempt, hollow when one of them did not succeed.
     */
    String timeline(String title, Timeline timeline, List<String> lanes, Instant from, Instant to) {
        int w = 1120;
        int h = 300;
        int left = 78;
        int right = 16;
        int top = 28;
        int bottom = 44;
        StringBuilder s = open(title, w, h);
        long n = timeline.count();
        if (n == 0) {
            return s.append("<text x=\"").append(w / 2).append("\" y=\"").append(h / 2)
                    .append("\" text-anchor=\"middle\">No calls</text></svg>").toString();
        }
        long min;
        long max;
        List<double[]> points = new ArrayList<>(); // time, cost, lane index, hollow, range low, range high
        Map<String, Integer> laneIndex = new LinkedHashMap<>();
        for (String lane : lanes) {
            laneIndex.put(lane, laneIndex.size());
        }
        if (timeline.exact()) {
            // The run's own start and end frame the axis when they enclose the attempts.
            min = from == null ? Long.MAX_VALUE : from.toEpochMilli();
            max = to == null ? Long.MIN_VALUE : to.toEpochMilli();
            for (Timeline.Point p : timeline.points()) {
                min = Math.min(min, p.at());
                max = Math.max(max, p.at());
            }
            for (Timeline.Point p : timeline.points()) {
                points.add(new double[] {p.at(), p.cost(), laneIndex.computeIfAbsent(p.lane(), k -> laneIndex.size()),
                        p.succeeded() ? 0 : 1, p.cost(), p.cost()});
            }
        } else {
            min = timeline.axisStart();
            max = timeline.axisEnd();
        }
        long span = Math.max(1, max - min);
        if (!timeline.exact()) {
            for (Map.Entry<String, Timeline.Slice[]> e : timeline.slices().entrySet()) {
                int lane = laneIndex.computeIfAbsent(e.getKey(), k -> laneIndex.size());
                Timeline.Slice[] row = e.getValue();
                for (int slice = 0; slice < row.length; slice++) {
                    Timeline.Slice c = row[slice];
                    if (c != null && c.count > 0) {
                        points.add(new double[] {min + (slice + 0.5) * span / TIMELINE_SLICES, c.sum / c.count, lane,
                                c.failed > 0 ? 1 : 0, c.min, c.max});
                    }
                }
            }
        }
        double maxCost = 0;
        for (double[] p : points) {
            maxCost = Math.max(maxCost, p[5]);
        }
        double step = niceStep(maxCost / 4);
        double yMax = maxCost > 0 ? Math.ceil(maxCost / step) * step : 1;
        int ticks = maxCost > 0 ? (int) Math.round(yMax / step) : 1;
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        // Grid and axes.
        for (int k = 0; k <= ticks; k++) {
            double y = top + plotH - plotH * k / (double) ticks;
            s.append("<line x1=\"").append(left).append("\" x2=\"").append(w - right).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\" stroke=\"#dddddd\"/>");
            String label = maxCost > 0 ? ReportFormat.usd(BigDecimal.valueOf(step * k)) : k == 0 ? "$0.00" : "";
            s.append("<text x=\"").append(left - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(label).append("</text>");
        }
        for (int k = 0; k <= 4; k++) {
            double x = left + plotW * k / 4.0;
            Instant at = Instant.ofEpochMilli(min + span * k / 4);
            s.append("<text x=\"").append(num(x)).append("\" y=\"").append(h - bottom + 18)
                    .append("\" text-anchor=\"").append(k == 0 ? "start" : k == 4 ? "end" : "middle").append("\">")
                    .append(ReportFormat.clock(at)).append("</text>");
        }
        s.append("<text x=\"").append(left + plotW / 2).append("\" y=\"").append(h - 6)
                .append("\" text-anchor=\"middle\" class=\"axis\">time (UTC)</text>");
        s.append("<text x=\"12\" y=\"").append(top + plotH / 2).append("\" text-anchor=\"middle\" class=\"axis\""
                + " transform=\"rotate(-90 12 ").append(top + plotH / 2).append(")\">")
                .append(timeline.exact() ? "cost per attempt" : "mean cost per attempt").append("</text>");
        // Legend.
        List<String> names = new ArrayList<>(laneIndex.keySet());
        int lx = left;
        for (String lane : names) {
            s.append("<circle cx=\"").append(lx + 6).append("\" cy=\"12\" r=\"5\" fill=\"").append(palette.lane(lane))
                    .append("\"/><text x=\"").append(lx + 15).append("\" y=\"16\">").append(escapeShort(lane, 24))
                    .append("</text>");
            lx += 30 + Math.min(24, lane.length()) * 7;
        }
        s.append("<circle cx=\"").append(lx + 6).append("\" cy=\"12\" r=\"4\" fill=\"#ffffff\" stroke=\"#555555\""
                + " stroke-width=\"1.5\"/><text x=\"").append(lx + 15).append("\" y=\"16\">not succeeded</text>");
        // Points.
        for (double[] p : points) {
            double x = left + (p[0] - min) / span * plotW;
            double y = top + plotH - p[1] / yMax * plotH;
            String colour = palette.lane(names.get((int) p[2]));
            if (p[5] > p[4]) {
                s.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"")
                        .append(num(top + plotH - p[4] / yMax * plotH)).append("\" y2=\"")
                        .append(num(top + plotH - p[5] / yMax * plotH)).append("\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"1\"/>");
            }
            s.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"4\"");
            if (p[3] > 0) {
                s.append(" fill=\"#ffffff\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\"/>");
            } else {
                s.append(" fill=\"").append(colour).append("\"/>");
            }
        }
        return s.append("</svg>").toString();
    }

    /** A round step (1, 2, 2.5 or 5 times a power of ten) at least {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0 || Double.isNaN(raw)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(4096).append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" role=\"img\" aria-label=\"").append(escape(title))
                .append("\"><title>").append(escape(title)).append("</title>");
    }

    private static double scale(BigDecimal value, BigDecimal domain) {
        if (domain == null || domain.signum() <= 0 || value.signum() <= 0) {
            return 0;
        }
        return value.divide(domain, MathContext.DECIMAL64).doubleValue() * BAR_W;
    }

    /** Coordinates with one decimal, no exponent. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        long whole = tenths / 10;
        long frac = Math.abs(tenths % 10);
        String sign = tenths < 0 && whole == 0 ? "-" : "";
        return frac == 0 ? sign + whole : sign + whole + "." + frac;
    }
}
