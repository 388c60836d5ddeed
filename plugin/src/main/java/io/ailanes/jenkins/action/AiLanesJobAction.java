package io.ailanes.jenkins.action;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.ailanes.engine.budget.Usd;
import io.ailanes.engine.forecast.Estimate;
import io.ailanes.engine.forecast.Forecast;
import io.ailanes.engine.forecast.LeftOut;
import io.ailanes.engine.report.WhatIf;
import io.ailanes.engine.simulate.RoutingComparison;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * AI Lanes on a job's page: the cost of its recent builds as a bar chart, and what it spent this month, both read
 * from the builds' {@link AiLanesRunAction}s, and the next build's forecast ({@link JobForecast}: every figure from
 * the engine), and the same builds as routed against all-premium and all-cheap ({@link JobComparison}: every figure
 * from the engine). No sidebar link; the chart is drawn by {@code jobMain.jelly}.
 */
public final class AiLanesJobAction implements Action {

    /** Builds looked at for the trend, newest first. */
    static final int BUILDS = 30;
    static final int CHART_WIDTH = 600;
    static final int CHART_HEIGHT = 120;
    /** Room left of the bars for the scale's labels. */
    static final int SCALE_WIDTH = 64;
    /** Where the tallest bar's top is. */
    static final int TOP = 6;
    /** Builds read for the month's spend, at most: a page must not load a job's whole history. */
    static final int MONTH_BUILDS = 500;

    private final Job<?, ?> job;

    AiLanesJobAction(Job<?, ?> job) {
        this.job = job;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "AI Lanes cost trend";
    }

    @Override
    public String getUrlName() {
        return null;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** One build in the chart, oldest first, with its bar's geometry in the chart's coordinates. */
    public static final class Bar {
        private final int number;
        private final String cost;
        private final int x;
        private final int width;
        private final int y;
        private final int height;

        Bar(int number, String cost, int x, int width, int y, int height) {
            this.number = number;
            this.cost = cost;
            this.x = x;
            this.width = width;
            this.y = y;
            this.height = height;
        }

        public int getNumber() {
            return number;
        }

        public String getCost() {
            return cost;
        }

        public int getX() {
            return x;
        }

        public int getWidth() {
            return width;
        }

        public int getY() {
            return y;
        }

        public int getHeight() {
            return height;
        }
    }

    /** The recent builds that used AI Lanes, oldest first, scaled to the chart. */
    public List<Bar> getBars() {
        List<Run<?, ?>> runs = new ArrayList<>();
        List<BigDecimal> costs = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds().limit(BUILDS)) {
            AiLanesRunAction action = run.getAction(AiLanesRunAction.class);
            if (action != null) {
                runs.add(run);
                costs.add(action.cost());
            }
        }
        Collections.reverse(runs);
        Collections.reverse(costs);
        BigDecimal max = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::max);
        List<Bar> bars = new ArrayList<>();
        if (runs.isEmpty()) {
            return bars;
        }
        int slot = CHART_WIDTH / BUILDS;
        for (int i = 0; i < runs.size(); i++) {
            int height = max.signum() == 0 ? 0 : costs.get(i).multiply(BigDecimal.valueOf(CHART_HEIGHT - 20))
                    .divide(max, 0, RoundingMode.HALF_UP).intValue();
            height = Math.max(height, costs.get(i).signum() > 0 ? 1 : 0);
            bars.add(new Bar(runs.get(i).getNumber(), Usd.readable(costs.get(i)), SCALE_WIDTH + i * slot + 2, slot - 4,
                    CHART_HEIGHT - 14 - height, height));
        }
        return bars;
    }

    public int getChartWidth() {
        return SCALE_WIDTH + CHART_WIDTH;
    }

    public int getScaleWidth() {
        return SCALE_WIDTH;
    }

    /** The y of the tallest bar's top, where the scale shows the largest cost. */
    public int getTop() {
        return TOP;
    }

    /** The y of the bars' base. */
    public int getBase() {
        return CHART_HEIGHT - 14;
    }

    /** The largest cost among the charted builds: the scale's top. */
    public String getMaxCost() {
        BigDecimal max = BigDecimal.ZERO;
        for (Run<?, ?> run : job.getBuilds().limit(BUILDS)) {
            AiLanesRunAction action = run.getAction(AiLanesRunAction.class);
            if (action != null) {
                max = max.max(action.cost());
            }
        }
        return Usd.readable(max);
    }

    public int getChartHeight() {
        return CHART_HEIGHT;
    }

    /** What the job's builds started this month (UTC) cost, from their actions. */
    public String getMonthSpend() {
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        BigDecimal total = BigDecimal.ZERO;
        for (Run<?, ?> run : job.getBuilds().limit(MONTH_BUILDS)) {
            YearMonth started = YearMonth.from(Instant.ofEpochMilli(run.getStartTimeInMillis()).atZone(ZoneOffset.UTC));
            if (started.isBefore(month)) {
                break;
            }
            AiLanesRunAction action = run.getAction(AiLanesRunAction.class);
            if (action != null) {
                total = total.add(action.cost());
            }
        }
        return Usd.readable(total);
    }

    /** The next build's cost from the previous builds' audits, as the job page shows it. */
    public ForecastView getForecast() {
        return new ForecastView(JobForecast.of(job));
    }

    /** The engine's forecast in the words the job page uses. */
    public static final class ForecastView {
        private final Forecast forecast;
        private final String error;

        ForecastView(JobForecast.Result result) {
            this.forecast = result.forecast();
            this.error = result.error();
        }

        /** Why there is no forecast (a model without a price, ...), or null. */
        public String getError() {
            return error;
        }

        /** {@code p50 $0.22, p95 $0.27 (23 builds)}, or {@code not enough history: 3 builds, need 5}. */
        public String getSummary() {
            return forecast == null ? "" : forecast.total().text();
        }

        public int getBuilds() {
            return forecast == null ? 0 : forecast.total().builds();
        }

        public String getPricesAsOf() {
            return forecast == null || forecast.pricesAsOf() == null ? "" : forecast.pricesAsOf().toString();
        }

        /** A row per step, then one per lane; empty while the whole build has no p50. */
        public List<Row> getRows() {
            List<Row> rows = new ArrayList<>();
            if (forecast == null || forecast.total().p50() == null) {
                return rows;
            }
            forecast.byStep().forEach((step, estimate) -> rows.add(new Row("step " + step, estimate)));
            forecast.byLane().forEach((lane, estimate) -> rows.add(new Row("lane " + lane, estimate)));
            return rows;
        }

        /** The audits the forecast did not use and why, e.g. {@code #7: does not verify: line 3 was edited ...}. */
        public List<String> getLeftOut() {
            List<String> left = new ArrayList<>();
            if (forecast != null) {
                for (LeftOut out : forecast.leftOut()) {
                    left.add(out.toString());
                }
            }
            return left;
        }
    }

    /** One step or lane of the forecast. */
    public static final class Row {
        private final String name;
        private final Estimate estimate;

        Row(String name, Estimate estimate) {
            this.name = name;
            this.estimate = estimate;
        }

        public String getName() {
            return name;
        }

        public String getP50() {
            return estimate.p50() == null ? "-" : Usd.readable(estimate.p50());
        }

        public String getP95() {
            return estimate.p95() == null ? "-" : Usd.readable(estimate.p95());
        }

        public int getBuilds() {
            return estimate.builds();
        }
    }

    /** The same builds as the forecast's, as routed against all-premium and all-cheap, as the job page shows them. */
    public ComparisonView getComparison() {
        return new ComparisonView(JobComparison.of(job));
    }

    /** Dollars as the job page shows them. */
    static String usd(BigDecimal amount) {
        return Usd.readable(amount);
    }

    /** {@code +$0.12}, {@code -$0.01}, {@code $0.00}. */
    static String signedUsd(BigDecimal amount) {
        return (amount.signum() > 0 ? "+" : amount.signum() < 0 ? "-" : "") + Usd.readable(amount.abs());
    }

    /** The engine's two-place percentage, {@code 42.15%}; {@code n/a} when there is none (nothing to divide by). */
    static String percent(BigDecimal percent) {
        return percent == null ? "n/a" : percent.toPlainString() + "%";
    }

    /** {@code +42.15%}, {@code -3.10%}. */
    static String signedPercent(BigDecimal percent) {
        return percent == null ? "n/a" : (percent.signum() > 0 ? "+" : "") + percent.toPlainString() + "%";
    }

    /** The assumption keys a figure rests on, as the CLI and report.html show them: {@code [tokens] [cache]}. */
    static String keys(List<String> keys) {
        List<String> shown = new ArrayList<>();
        for (String key : keys) {
            shown.add("[" + key + "]");
        }
        return String.join(" ", shown);
    }

    /** The engine's comparison in the words the job page uses. */
    public static final class ComparisonView {
        private final RoutingComparison comparison;
        private final String error;

        ComparisonView(JobComparison.Result result) {
            this.comparison = result.comparison();
            this.error = result.error();
        }

        /** Why there is no comparison (a model without a price, ...), or null. */
        public String getError() {
            return error;
        }

        /** False when no build could be compared (every audit left out, or none archived). */
        public boolean isCompared() {
            return comparison != null && comparison.total() != null;
        }

        /** The builds compared. */
        public int getBuilds() {
            return comparison == null ? 0 : comparison.builds().size();
        }

        public String getPaid() {
            return isCompared() ? usd(comparison.total().paidUsd()) : "";
        }

        /** {@code as of 2026-07-24}, or that the audits do not say. */
        public String getPaidPrices() {
            if (!isCompared()) {
                return "";
            }
            String asOf = comparison.total().paidPrices();
            return asOf == null ? "of a date the audits do not record" : "as of " + asOf;
        }

        /** Where the alternatives' prices come from, with the catalog's date. */
        public String getCatalog() {
            if (!isCompared()) {
                return "";
            }
            WhatIf w = comparison.total();
            return w.catalogLabel() + (w.catalogDate() == null ? "" : " of " + w.catalogDate());
        }

        /** The recorded routing at the alternatives' prices, or null when a recorded model has no price there. */
        public String getAsRouted() {
            return isCompared() && comparison.total().asRoutedUsd() != null
                    ? usd(comparison.total().asRoutedUsd()) : null;
        }

        /** All-premium minus paid, with its share of all-premium: {@code $1.20 (91.52%)}. */
        public String getSaving() {
            return isCompared()
                    ? signedUsd(comparison.savingUsd()) + " (" + percent(comparison.savingPercent()) + ")" : "";
        }

        /** all-premium, then all-cheap, for the builds together. */
        public List<AlternativeView> getAlternatives() {
            List<AlternativeView> list = new ArrayList<>();
            if (isCompared()) {
                for (WhatIf.Alternative a : comparison.total().alternatives()) {
                    list.add(new AlternativeView(a));
                }
            }
            return list;
        }

        /** A row per build, newest first. */
        public List<BuildRow> getRows() {
            List<BuildRow> rows = new ArrayList<>();
            if (comparison != null) {
                for (RoutingComparison.Build b : comparison.builds()) {
                    rows.add(new BuildRow(b.name(), usd(b.paidUsd()), usd(b.premiumUsd()), keys(b.premiumNotes()),
                            usd(b.cheapUsd()), keys(b.cheapNotes()), percent(b.savingPercent())));
                }
            }
            return rows;
        }

        /** The builds together, as the table's last row. */
        public BuildRow getTotal() {
            if (!isCompared()) {
                return null;
            }
            WhatIf.Alternative premium = comparison.premium();
            WhatIf.Alternative cheap = comparison.cheap();
            return new BuildRow("Total", getPaid(), usd(premium.totalUsd()), keys(premium.notes()),
                    usd(cheap.totalUsd()), keys(cheap.notes()), percent(comparison.savingPercent()));
        }

        /** The audits not compared and why, e.g. {@code #7: does not verify: line 3 was edited ...}. */
        public List<String> getLeftOut() {
            List<String> left = new ArrayList<>();
            if (comparison != null) {
                for (LeftOut out : comparison.leftOut()) {
                    left.add(out.toString());
                }
            }
            return left;
        }
    }

    /** One routing of the builds together: its figure against paid, what it routed where, its assumptions. */
    public static final class AlternativeView {
        private final WhatIf.Alternative alternative;

        AlternativeView(WhatIf.Alternative alternative) {
            this.alternative = alternative;
        }

        /** As resolved, e.g. {@code all-cheap=deepseek/deepseek-chat}. */
        public String getSpec() {
            return alternative.spec();
        }

        public String getTotal() {
            return usd(alternative.totalUsd());
        }

        public String getDifference() {
            return signedUsd(alternative.differenceUsd());
        }

        public String getPercent() {
            return signedPercent(alternative.differencePercent());
        }

        public String getKeys() {
            return keys(alternative.notes());
        }

        public String getDescription() {
            return alternative.description();
        }

        /** Each assumption, its key and its words. */
        public List<AssumptionView> getAssumptions() {
            List<AssumptionView> list = new ArrayList<>();
            for (WhatIf.Assumption a : alternative.assumptions()) {
                list.add(new AssumptionView(a));
            }
            return list;
        }
    }

    /** An assumption a figure rests on: {@code [tokens]} and its words, as the CLI and report.html show it. */
    public static final class AssumptionView {
        private final WhatIf.Assumption assumption;

        AssumptionView(WhatIf.Assumption assumption) {
            this.assumption = assumption;
        }

        /** {@code [tokens]}. */
        public String getKey() {
            return "[" + assumption.key() + "]";
        }

        public String getText() {
            return assumption.text();
        }
    }

    /** One build (or the total) in the comparison's table. */
    public static final class BuildRow {
        private final String name;
        private final String paid;
        private final String premium;
        private final String premiumKeys;
        private final String cheap;
        private final String cheapKeys;
        private final String saving;

        BuildRow(String name, String paid, String premium, String premiumKeys, String cheap, String cheapKeys,
                String saving) {
            this.name = name;
            this.paid = paid;
            this.premium = premium;
            this.premiumKeys = premiumKeys;
            this.cheap = cheap;
            this.cheapKeys = cheapKeys;
            this.saving = saving;
        }

        public String getName() {
            return name;
        }

        public String getPaid() {
            return paid;
        }

        public String getPremium() {
            return premium;
        }

        public String getPremiumKeys() {
            return premiumKeys;
        }

        public String getCheap() {
            return cheap;
        }

        public String getCheapKeys() {
            return cheapKeys;
        }

        /** All-premium minus paid, as a share of all-premium. */
        public String getSaving() {
            return saving;
        }
    }
}
