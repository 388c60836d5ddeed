package io.ailanes.engine.lane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One breaker per model for a whole build: after {@code threshold} consecutive failures the model is
 * skipped until {@code cooldown} has passed; then one trial call is let through (half-open), whose
 * success closes the breaker and whose failure opens it again.
 */
public final class CircuitBreaker {

    /** What the breaker says about a model right now. */
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration cooldown;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public CircuitBreaker(int threshold, Duration cooldown, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("circuit breaker threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /**
     * Whether a call to {@code model} may go ahead; in the half-open state only the first caller gets
     * the trial, the others are refused until it reports back.
     */
    public boolean tryAcquire(String model) {
        Entry entry = entries.computeIfAbsent(model, m -> new Entry());
        synchronized (entry) {
            if (entry.openedAt == null) {
                return true;
            }
            if (clock.instant().isBefore(entry.openedAt.plus(cooldown)) || entry.trialInFlight) {
                return false;
            }
            entry.trialInFlight = true;
            return true;
        }
    }

    /**
     * Ends a half-open trial that said nothing about the model's health (the call was never sent, or failed
     * for a reason of its own such as a prompt too long), so the next caller may make the trial.
     */
    public void releaseTrial(String model) {
        Entry entry = entries.get(model);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            entry.trialInFlight = false;
        }
    }

    public void recordSuccess(String model) {
        Entry entry = entries.computeIfAbsent(model, m -> new Entry());
        synchronized (entry) {
            entry.consecutiveFailures = 0;
            entry.openedAt = null;
            entry.trialInFlight = false;
        }
    }

    /** @return true if this failure opened (or re-opened) the breaker */
    public boolean recordFailure(String model) {
        Entry entry = entries.computeIfAbsent(model, m -> new Entry());
        synchronized (entry) {
            entry.consecutiveFailures++;
            boolean wasTrial = entry.trialInFlight;
            entry.trialInFlight = false;
            if (wasTrial || (entry.openedAt == null && entry.consecutiveFailures >= threshold)) {
                entry.openedAt = clock.instant();
                return true;
            }
            return false;
        }
    }

    public State state(String model) {
        Entry entry = entries.get(model);
        if (entry == null) {
            return State.CLOSED;
        }
        synchronized (entry) {
            if (entry.openedAt == null) {
                return State.CLOSED;
            }
            return clock.instant().isBefore(entry.openedAt.plus(cooldown)) ? State.OPEN : State.HALF_OPEN;
        }
    }

    public int consecutiveFailures(String model) {
        Entry entry = entries.get(model);
        if (entry == null) {
            return 0;
        }
        synchronized (entry) {
            return entry.consecutiveFailures;
        }
    }

    private static final class Entry {
        int consecutiveFailures;
        Instant openedAt;
        boolean trialInFlight;
    }
}
