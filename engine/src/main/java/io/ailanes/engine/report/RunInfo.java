package io.ailanes.engine.report;

import java.time.Instant;

/**
 * Who and when: the report's header.
 *
 * @param runId the run's id
 * @param title a human title (job and build, for example)
 * @param startedAt run start, or null to take the first attempt's time
 * @param finishedAt run end, or null to take the last attempt's time
 * @param currency always USD: every price and cap in AI Lanes is in US dollars
 */
public record RunInfo(String runId, String title, Instant startedAt, Instant finishedAt, String currency) {

    public static final String USD = "USD";

    public RunInfo {
        runId = runId == null ? "" : runId;
        title = title == null || title.isBlank() ? "AI Lanes run " + runId : title;
        if (currency != null && !currency.equals(USD)) {
            throw new IllegalArgumentException("every AI Lanes amount is in USD; a report cannot be in " + currency);
        }
        currency = USD;
    }

    public RunInfo(String runId, String title, Instant startedAt, Instant finishedAt) {
        this(runId, title, startedAt, finishedAt, USD);
    }
}
