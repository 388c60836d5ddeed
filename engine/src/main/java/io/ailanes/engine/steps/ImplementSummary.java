package io.ailanes.engine.steps;

import io.ailanes.engine.implement.Implementer;

/**
 * What an implement step ended with, in the words the build log, the build page and the CLI's story all use:
 * {@code gates passed after 2 rounds, escalated; 1 file changed (+1 -1); last model deepseek/deepseek-flash}.
 *
 * @param passed whether the gates passed
 * @param rounds how many rounds ran
 * @param escalated whether the step moved to its escalation lane
 * @param reverted whether the workspace was put back because the step failed
 * @param held whether the change waits for approval (the workspace was put back until then)
 * @param filesChanged how many files the change leaves changed
 * @param linesAdded lines the patch adds, or null when not known (a build recorded before it was kept)
 * @param linesRemoved lines the patch removes, or null when not known
 * @param model the model of the last round, or null
 */
public record ImplementSummary(boolean passed, int rounds, boolean escalated, boolean reverted, boolean held,
        int filesChanged, Integer linesAdded, Integer linesRemoved, String model) {

    public static ImplementSummary of(Implementer.Result result, boolean held) {
        return new ImplementSummary(result.passed(), result.rounds().size(), result.escalated(), result.reverted(), held,
                result.filesChanged().size(), result.linesAdded(), result.linesRemoved(), result.model());
    }

    public String text() {
        StringBuilder text = new StringBuilder(passed ? "gates passed" : "gates failed").append(" after ")
                .append(CountedNoun.of(rounds, "round"));
        if (escalated) {
            text.append(", escalated");
        }
        if (reverted) {
            text.append(", reverted");
        }
        if (held) {
            text.append(", held for approval");
        }
        // A reverted step leaves no file changed; its patch's line counts would describe nothing in the workspace.
        text.append("; ").append(filesChanged == 0 ? "no file changed" : CountedNoun.of(filesChanged, "file") + " changed");
        if (filesChanged > 0 && linesAdded != null && linesRemoved != null) {
            text.append(" (+").append(linesAdded).append(" -").append(linesRemoved).append(')');
        }
        if (model != null) {
            text.append("; last model ").append(model);
        }
        return text.toString();
    }
}
