package io.ailanes.jenkins.action;

import io.ailanes.engine.review.Review;

/** The last review's verdict. */
public final class ReviewRow {
    private final String verdict;
    private final String summary;
    private final String model;
    private final int high;
    private final int medium;
    private final int low;
    private final boolean failed;

    public ReviewRow(String verdict, String summary, String model, int high, int medium, int low, boolean failed) {
        this.verdict = verdict;
        this.summary = summary;
        this.model = model;
        this.high = high;
        this.medium = medium;
        this.low = low;
        this.failed = failed;
    }

    public String getVerdict() {
        return verdict;
    }

    public String getSummary() {
        return summary;
    }

    public String getModel() {
        return model;
    }

    public int getHigh() {
        return high;
    }

    public int getMedium() {
        return medium;
    }

    public int getLow() {
        return low;
    }

    public boolean isFailed() {
        return failed;
    }

    public String getText() {
        String by = "approve".equals(verdict) ? "Approved by " : "request-changes".equals(verdict)
                ? "Changes requested by " : verdict + " by ";
        return by + model + ": " + Review.counts(high, medium, low)
                + (failed ? " (at or above failOn)" : "") + ".";
    }
}
