package io.ailanes.engine.steps;

import io.ailanes.engine.plan.Planner;

/**
 * What a plan step says it made, in the words the build log, the build page's step row and the CLI's story all use:
 * {@code 2 files, 3 steps, 4 acceptance criteria; sha256 b015808a0b98}.
 *
 * @param files the files the plan changes
 * @param steps the plan's steps
 * @param acceptanceCriteria the plan's acceptance criteria
 * @param sha256 the hash of {@code plan.json}, or null when not known
 */
public record PlanSummary(int files, int steps, int acceptanceCriteria, String sha256) {

    /** Enough of the hash to tell plans apart at a glance; the full one is in the step's value and the audit. */
    static final int SHORT_HASH = 12;

    public static PlanSummary of(Planner.Result result) {
        return new PlanSummary(result.plan().files().size(), result.plan().steps().size(),
                result.plan().acceptanceCriteria().size(), result.sha256());
    }

    public String text() {
        return CountedNoun.of(files, "file") + ", " + CountedNoun.of(steps, "step") + ", "
                + CountedNoun.of(acceptanceCriteria, "acceptance criterion", "acceptance criteria")
                + (sha256 == null ? "" : "; sha256 " + sha256.substring(0, Math.min(SHORT_HASH, sha256.length())));
    }
}
