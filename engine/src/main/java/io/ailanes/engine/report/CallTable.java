package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Every attempt of the run, kept column by column in primitive arrays with repeated strings coded, so that
 * 100k rows cost a few tens of megabytes instead of 100k objects graphs. Rows come back as {@link ReportCall}s
 * built on demand.
 */
public final class CallTable implements Iterable<ReportCall> {

    private static final int ROUND_NONE = Integer.MIN_VALUE;

    private final Dict calls;
    private final Dict strings = new Dict();
    private int size;
    private long[] seq = new long[64];
    private long[] epochSecond = new long[64];
    private int[] nano = new int[64];
    private int[] callId = new int[64];
    private int[] attempt = new int[64];
    private int[] step = new int[64];
    private int[] lane = new int[64];
    private int[] model = new int[64];
    private int[] family = new int[64];
    private int[] outcome = new int[64];
    private int[] routingReason = new int[64];
    private int[] round = new int[64];
    private long[] latency = new long[64];
    private long[][] tokens = new long[6][64];
    private BigDecimal[] cost = new BigDecimal[64];
    private String[] error = new String[64];

    CallTable(Dict calls) {
        this.calls = calls;
    }

    void add(ReportCall c, int callCode) {
        if (size == seq.length) {
            grow(size + (size >> 1));
        }
        int i = size++;
        seq[i] = c.seq();
        epochSecond[i] = c.timestamp().getEpochSecond();
        nano[i] = c.timestamp().getNano();
        callId[i] = callCode;
        attempt[i] = c.attempt();
        step[i] = strings.code(c.step());
        lane[i] = strings.code(c.lane());
        model[i] = strings.code(c.model());
        family[i] = strings.code(c.family());
        outcome[i] = strings.code(c.outcome());
        routingReason[i] = strings.code(c.routingReason());
        round[i] = c.round() == null ? ROUND_NONE : c.round();
        latency[i] = c.latencyMs();
        Usage u = c.usage();
        tokens[0][i] = u.inputTokens();
        tokens[1][i] = u.cacheReadTokens();
        tokens[2][i] = u.cacheWriteTokens();
        tokens[3][i] = u.cacheWrite1hTokens();
        tokens[4][i] = u.outputTokens();
        tokens[5][i] = u.reasoningTokens();
        cost[i] = c.costUsd();
        error[i] = c.errorMessage();
    }

    private void grow(int capacity) {
        seq = Arrays.copyOf(seq, capacity);
        epochSecond = Arrays.copyOf(epochSecond, capacity);
        nano = Arrays.copyOf(nano, capacity);
        callId = Arrays.copyOf(callId, capacity);
        attempt = Arrays.copyOf(attempt, capacity);
        step = Arrays.copyOf(step, capacity);
        lane = Arrays.copyOf(lane, capacity);
        model = Arrays.copyOf(model, capacity);
        family = Arrays.copyOf(family, capacity);
        outcome = Arrays.copyOf(outcome, capacity);
        routingReason = Arrays.copyOf(routingReason, capacity);
        round = Arrays.copyOf(round, capacity);
        latency = Arrays.copyOf(latency, capacity);
        for (int k = 0; k < tokens.length; k++) {
            tokens[k] = Arrays.copyOf(tokens[k], capacity);
        }
        cost = Arrays.copyOf(cost, capacity);
        error = Arrays.copyOf(error, capacity);
    }

    public int size() {
        return size;
    }

    public ReportCall get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return new ReportCall(seq[i], Instant.ofEpochSecond(epochSecond[i], nano[i]), calls.value(callId[i]),
                attempt[i], strings.value(step[i]), strings.value(lane[i]), strings.value(model[i]),
                strings.value(family[i]), strings.value(outcome[i]),
                new Usage(tokens[0][i], tokens[1][i], tokens[2][i], tokens[3][i], tokens[4][i], tokens[5][i]),
                cost[i], latency[i], round[i] == ROUND_NONE ? null : round[i], error[i],
                strings.value(routingReason[i]));
    }

    /** The attempt's time in epoch milliseconds, without building the row (for the timeline). */
    long epochMillis(int i) {
        return epochSecond[i] * 1000 + nano[i] / 1_000_000;
    }

    String lane(int i) {
        return strings.value(lane[i]);
    }

    BigDecimal cost(int i) {
        return cost[i];
    }

    @Override
    public Iterator<ReportCall> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public ReportCall next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return get(next++);
            }
        };
    }
}
