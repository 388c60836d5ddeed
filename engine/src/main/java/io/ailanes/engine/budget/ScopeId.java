package io.ailanes.engine.budget;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One spending scope, e.g. BUILD {@code "myjob#42"}.
 *
 * <p>Calendar scopes are keyed in UTC: a Jenkins controller, its agents and a developer's CLI may sit in
 * different time zones, and they must agree on which month or day a call belongs to. UTC also never
 * repeats or skips an hour (no daylight saving), and it is the calendar the providers' billing uses.
 */
public record ScopeId(ScopeKind kind, String key) {

    public ScopeId {
        Objects.requireNonNull(kind, "kind");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a " + kind.label() + " scope needs a key");
        }
    }

    public static ScopeId call(String key) {
        return new ScopeId(ScopeKind.CALL, key);
    }

    public static ScopeId step(String key) {
        return new ScopeId(ScopeKind.STEP, key);
    }

    public static ScopeId build(String key) {
        return new ScopeId(ScopeKind.BUILD, key);
    }

    /** The build scope {@code job#number}. */
    public static ScopeId build(String job, long number) {
        return build(job + "#" + number);
    }

    /** The job's scope for the current UTC calendar month: {@code job@2026-11}. */
    public static ScopeId jobMonth(String job, Clock clock) {
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("a job month scope needs a job name");
        }
        return new ScopeId(ScopeKind.JOB_MONTH, job + "@" + YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    }

    /** The global scope for the current UTC day: {@code 2026-11-05}. */
    public static ScopeId globalDay(Clock clock) {
        return new ScopeId(ScopeKind.GLOBAL_DAY, LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
    }

    /** {@code build "myjob#42"}. */
    public String describe() {
        return kind.label() + " \"" + key + "\"";
    }

    @Override
    public String toString() {
        return describe();
    }
}
