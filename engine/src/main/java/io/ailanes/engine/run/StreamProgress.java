package io.ailanes.engine.run;

import io.ailanes.engine.budget.ScopeState;
import io.ailanes.engine.provider.CallListener;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Progress lines while a model streams: output tokens so far (about four characters a token) and what the run
 * has spent against its cap. At most one line per interval, so a long stream stays readable in a build log.
 */
public final class StreamProgress implements CallListener {

    private final Console console;
    private final String label;
    private final Supplier<ScopeState> build;
    private final LongSupplier nanos;
    private final long intervalNanos;
    private long chars;
    private long last;

    /**
     * @param label what is streaming, e.g. {@code plan}
     * @param build the run's build scope, read for each line
     * @param nanos a monotonic clock ({@code System::nanoTime})
     * @param intervalMillis the least time between two lines
     */
    public StreamProgress(Console console, String label, Supplier<ScopeState> build, LongSupplier nanos, long intervalMillis) {
        this.console = console;
        this.label = label;
        this.build = build;
        this.nanos = nanos;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.last = nanos.getAsLong();
    }

    /** Progress for a run's build scope, a line at most every two seconds. */
    public static StreamProgress of(AiRun run, String label) {
        return new StreamProgress(run.options().console(), label, run::buildState, System::nanoTime, 2_000);
    }

    @Override
    public synchronized void onText(String delta) {
        chars += delta.length();
        long now = nanos.getAsLong();
        if (now - last >= intervalNanos) {
            last = now;
            console.line(line());
        }
    }

    /** What a failed attempt streamed is void: said once, and the count starts again for the next attempt. */
    @Override
    public synchronized void onAttempt(io.ailanes.engine.provider.Attempt attempt) {
        if (attempt.outcome() == io.ailanes.engine.provider.Attempt.Outcome.SUCCEEDED || chars == 0) {
            return;
        }
        console.line("[ai-lanes] " + label + ": attempt " + attempt.number() + " failed after ~" + (chars + 3) / 4
                + " output tokens; what it streamed is discarded");
        chars = 0;
    }

    String line() {
        ScopeState state = build.get();
        StringBuilder text = new StringBuilder("[ai-lanes] ").append(label).append(": ~").append((chars + 3) / 4)
                .append(" output tokens streamed so far; run spent ").append(usd(state.settled()));
        if (state.reserved().signum() > 0) {
            text.append(" (+").append(usd(state.reserved())).append(" reserved)");
        }
        if (state.cap() != null) {
            text.append(" of ").append(usd(state.cap()));
        }
        return text.toString();
    }

    private static String usd(BigDecimal amount) {
        return "$" + amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
