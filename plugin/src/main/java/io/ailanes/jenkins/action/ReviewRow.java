package io.ailanes.jenkins.action;

import io.ailanes.engine.steps.ReviewSummary;
import io.ailanes.engine.steps.StepValues;

/** The last review's verdict, kept as facts (saved with the build) and said in the engine's words ({@link ReviewSummary}). */
public final class ReviewRow {
    private final String verdict;
    private final String summary;
    private final String model;
    private final int high;
    private final int medium;
    private final int low;
    private final boolean failed;

    /** {@code summary} is the reviewer's own text (model output, shown escaped). */
    public ReviewRow(ReviewSummary review, String summary) {
        this.verdict = StepValues.verdict(review.verdict());
        this.summary = summary;
        this.model = review.model();
        this.high = (int) review.high();
        this.medium = (int) review.medium();
        this.low = (int) review.low();
        this.failed = review.failed();
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

    /** One sentence for the pages. */
    public String getText() {
        return AiLanesRunAction.sentence(new ReviewSummary(verdict, model, high, medium, low, failed).text());
    }
}
