package io.ailanes.engine.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeline chart's data, gathered as attempts are added, in bounded memory. Up to {@link #MAX_POINTS}
 * attempts it keeps one point each. Beyond, it keeps {@link #SLICES} equal time slices per lane, each with the
 * count, sum, minimum and maximum cost and the number of attempts that did not succeed, so the chart can draw the
 * mean with the slice's range and mark slices with failures: an expensive outlier or a failure stays visible.
 * The slices cover the run's start to end when the builder knows them and they enclose the attempts; an attempt
 * outside doubles the covered span (adjacent slices merge), so no attempt is ever dropped.
 */
final class Timeline {

    static final int MAX_POINTS = 2_000;
    static final int SLICES = 400;
    /** Lanes with their own slices; attempts of further lanes share the last one. */
    static final int MAX_LANES = 64;

    /** One lane's attempts in one slice. */
    static final class Slice {
        long count;
        long failed;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        void add(double cost, boolean failedAttempt) {
            count++;
            failed += failedAttempt ? 1 : 0;
            sum += cost;
            min = Math.min(min, cost);
            max = Math.max(max, cost);
        }

        void merge(Slice o) {
            count += o.count;
            failed += o.failed;
            sum += o.sum;
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
        }
    }

    /** One attempt, while there are few. */
    record Point(long at, double cost, String lane, boolean succeeded) {}

    private final List<Point> points = new ArrayList<>();
    private final Map<String, Slice[]> slices = new LinkedHashMap<>();
    private long count;
    private long minAt = Long.MAX_VALUE;
    private long maxAt = Long.MIN_VALUE;
    private Long from;
    private Long to;
    private long start;
    private long span; // covered: [start, start + span)

    /** The timeline of every row of a (sealed) table. */
    static Timeline of(CallTable calls) {
        Timeline t = new Timeline();
        for (ReportCall c : calls) {
            t.add(c.timestamp().toEpochMilli(), c.costUsd().doubleValue(), c.lane(), c.succeeded());
        }
        return t;
    }

    /** The run's start and end, when known before the attempts: the slices then cover exactly that. */
    void frame(Long from, Long to) {
        this.from = from;
        this.to = to;
    }

    void add(long at, double cost, String lane, boolean succeeded) {
        count++;
        minAt = Math.min(minAt, at);
        maxAt = Math.max(maxAt, at);
        if (slices.isEmpty() && points.size() < MAX_POINTS) {
            points.add(new Point(at, cost, lane, succeeded));
            return;
        }
        if (slices.isEmpty()) {
            long min = from == null ? minAt : Math.min(from, minAt);
            long max = to == null ? maxAt : Math.max(to, maxAt);
            start = min;
            span = Math.max(1, max - min);
            for (Point p : points) {
                slot(p.at(), p.lane()).add(p.cost(), !p.succeeded());
            }
            points.clear();
            ((ArrayList<Point>) points).trimToSize();
        }
        slot(at, lane).add(cost, !succeeded);
    }

    private Slice slot(long at, String lane) {
        while (at < start || at > start + span) {
            widen(at < start);
        }
        int slice = (int) Math.min(SLICES - 1, (at - start) * SLICES / span);
        Slice[] row = slices.get(lane);
        if (row == null) {
            if (slices.size() < MAX_LANES) {
                row = new Slice[SLICES];
                slices.put(lane, row);
            } else {
                row = last(slices);
            }
        }
        if (row[slice] == null) {
            row[slice] = new Slice();
        }
        return row[slice];
    }

    /** Doubles the covered span, to the left or the right; slice i moves to (i [+ SLICES]) / 2. */
    private void widen(boolean left) {
        for (Slice[] row : slices.values()) {
            Slice[] merged = new Slice[SLICES];
            for (int i = 0; i < SLICES; i++) {
                if (row[i] == null) {
                    continue;
                }
                int j = (left ? i + SLICES : i) / 2;
                if (merged[j] == null) {
                    merged[j] = row[i];
                } else {
                    merged[j].merge(row[i]);
                }
            }
            System.arraycopy(merged, 0, row, 0, SLICES);
        }
        if (left) {
            start -= span;
        }
        span *= 2;
    }

    private static Slice[] last(Map<String, Slice[]> map) {
        Slice[] out = null;
        for (Slice[] v : map.values()) {
            out = v;
        }
        return out;
    }

    /** Attempts added. */
    long count() {
        return count;
    }

    /** Whether the chart shows every attempt ({@link #points}) or slices ({@link #slices}). */
    boolean exact() {
        return slices.isEmpty();
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    /** Per lane, {@link #SLICES} slices (null where the lane had no attempt). */
    Map<String, Slice[]> slices() {
        Map<String, Slice[]> copy = new LinkedHashMap<>();
        slices.forEach((k, v) -> copy.put(k, Arrays.copyOf(v, v.length)));
        return copy;
    }

    /** The chart's time axis: the run's frame and every attempt; in slice mode, the covered span. */
    long axisStart() {
        return exact() ? Math.min(from == null ? Long.MAX_VALUE : from, minAt) : start;
    }

    long axisEnd() {
        return exact() ? Math.max(to == null ? Long.MIN_VALUE : to, maxAt) : start + span;
    }
}
