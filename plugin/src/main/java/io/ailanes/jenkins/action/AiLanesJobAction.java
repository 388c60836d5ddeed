package io.ailanes.jenkins.action;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.ailanes.engine.budget.Usd;
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
 * from the builds' {@link AiLanesRunAction}s. No sidebar link; the chart is drawn by {@code jobMain.jelly}.
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
}
