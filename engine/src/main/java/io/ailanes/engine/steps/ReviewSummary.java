package io.ailanes.engine.steps;

import io.ailanes.engine.review.Review;
import io.ailanes.engine.review.Reviewer;

/**
 * What a review step found, in the words the build log, the build page and the CLI's story all use:
 * {@code approved by anthropic/claude-sonnet-4-6: 0 high, 0 medium, 1 low}, with {@code (at or above failOn)} when a
 * finding reaches the step's threshold.
 *
 * @param verdict {@code approve} or {@code request-changes} ({@code request_changes}, as the schema writes it, too)
 * @param model the reviewing model, or null
 * @param high high findings
 * @param medium medium findings
 * @param low low findings
 * @param failed whether a finding reached the step's {@code failOn}
 */
public record ReviewSummary(String verdict, String model, long high, long medium, long low, boolean failed) {

    public static ReviewSummary of(Reviewer.Result result) {
        Review review = result.review();
        return new ReviewSummary(review.verdict(), result.model(), review.count("high"), review.count("medium"),
                review.count("low"), result.failed());
    }

    public String text() {
        String pipelineVerdict = StepValues.verdict(verdict);
        String said = "approve".equals(pipelineVerdict) ? "approved"
                : "request-changes".equals(pipelineVerdict) ? "changes requested" : pipelineVerdict;
        return said + (model == null ? "" : " by " + model) + ": " + Review.counts(high, medium, low)
                + (failed ? " (at or above failOn)" : "");
    }
}
