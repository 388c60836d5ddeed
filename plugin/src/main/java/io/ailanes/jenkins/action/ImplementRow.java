package io.ailanes.jenkins.action;

import static io.ailanes.jenkins.action.AiLanesRunAction.count;

/** The last implement step's gate verdict. */
public final class ImplementRow {
    private final boolean passed;
    private final int rounds;
    private final boolean escalated;
    private final String model;
    private final String family;
    private final int filesChanged;
    private final String failure;

    public ImplementRow(boolean passed, int rounds, boolean escalated, String model, String family, int filesChanged,
            String failure) {
        this.passed = passed;
        this.rounds = rounds;
        this.escalated = escalated;
        this.model = model;
        this.family = family;
        this.filesChanged = filesChanged;
        this.failure = failure;
    }

    public boolean isPassed() {
        return passed;
    }

    public int getRounds() {
        return rounds;
    }

    public boolean isEscalated() {
        return escalated;
    }

    public String getModel() {
        return model;
    }

    /** The implementer's model family, which the review lane must avoid. */
    public String getFamily() {
        return family;
    }

    public int getFilesChanged() {
        return filesChanged;
    }

    public String getFailure() {
        return failure;
    }

    /** One sentence, built here: Jelly drops the blanks between text and tags, gluing words to punctuation. */
    public String getText() {
        return (passed ? "Passed" : "Failed") + " after " + count(rounds, "round") + (escalated ? " (escalated)" : "")
                + "; " + count(filesChanged, "file") + " changed" + (model == null ? "" : "; last model " + model)
                + ".";
    }
}
