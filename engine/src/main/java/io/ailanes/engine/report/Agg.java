package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.TreeSet;

/** A running sum over the attempts of one group; distinct calls counted through the {@link CallWindow}. */
final class Agg {

    private final String key;
    private String family;
    private final TreeSet<String> lanes = new TreeSet<>();
    private final TreeSet<String> models = new TreeSet<>();
    private static final String REFUSED = "REFUSED";

    private final Object sentMark = new Object();
    private long calls;
    private long sent;
    private long attempts;
    private long failed;
    private BigDecimal cost = BigDecimal.ZERO;
    private long input;
    private long cacheRead;
    private long cacheWrite;
    private long cacheWrite1h;
    private long output;
    private long reasoning;
    private long latencyTotal;
    private long latencyMax;

    Agg(String key) {
        this.key = key;
    }

    void add(ReportCall c, CallWindow.OpenCall call) {
        if (family == null) {
            family = c.family();
        }
        lanes.add(c.lane());
        models.add(c.model());
        if (call.mark(this)) {
            calls++;
        }
        if (REFUSED.equals(c.outcome())) {
            return; // never sent: the call counts, an attempt it was not (no tokens, no cost)
        }
        if (call.mark(sentMark)) {
            sent++;
        }
        attempts++;
        if (!c.succeeded()) {
            failed++;
        }
        cost = cost.add(c.costUsd());
        Usage u = c.usage();
        input += u.inputTokens();
        cacheRead += u.cacheReadTokens();
        cacheWrite += u.cacheWriteTokens();
        cacheWrite1h += u.cacheWrite1hTokens();
        output += u.outputTokens();
        reasoning += u.reasoningTokens();
        latencyTotal += c.latencyMs();
        latencyMax = Math.max(latencyMax, c.latencyMs());
    }

    long calls() {
        return calls;
    }

    /** Calls with at least one attempt that was sent (not refused by a budget before sending). */
    long sentCalls() {
        return sent;
    }

    long attempts() {
        return attempts;
    }

    long failed() {
        return failed;
    }

    BigDecimal cost() {
        return cost;
    }

    Usage tokens() {
        return new Usage(input, cacheRead, cacheWrite, cacheWrite1h, output, reasoning);
    }

    long latencyTotal() {
        return latencyTotal;
    }

    long latencyMax() {
        return latencyMax;
    }

    GroupSummary summary(boolean withFamily) {
        return new GroupSummary(key, withFamily ? family : null, new ArrayList<>(lanes), new ArrayList<>(models),
                calls(), attempts, failed, cost, tokens(), latencyTotal, latencyMax);
    }
}
