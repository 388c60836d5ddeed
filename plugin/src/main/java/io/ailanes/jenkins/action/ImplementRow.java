package io.ailanes.jenkins.action;

import io.ailanes.engine.steps.ImplementSummary;

/**
 * The last implement step's gate verdict, kept as facts (saved with the build) and said in the engine's words
 * ({@link ImplementSummary}). Builds saved before {@code reverted}, {@code held} and the line counts were kept read
 * them as false and unknown.
 */
public final class ImplementRow {
    private final boolean passed;
    private final int rounds;
    private final boolean escalated;
    private final boolean reverted;
    private final boolean held;
    private final String model;
    private final String family;
    private final int filesChanged;
    private final Integer linesAdded;
    private final Integer linesRemoved;
    private final String failure;

    public ImplementRow(ImplementSummary summary, String family, String failure) {
        this.passed = summary.passed();
        this.rounds = summary.rounds();
        this.escalated = summary.escalated();
        this.reverted = summary.reverted();
        this.held = summary.held();
        this.model = summary.model();
        this.family = family;
        this.filesChanged = summary.filesChanged();
        this.linesAdded = summary.linesAdded();
        this.linesRemoved = summary.linesRemoved();
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
        return AiLanesRunAction.sentence(new ImplementSummary(passed, rounds, escalated, reverted, held, filesChanged,
                linesAdded, linesRemoved, model).text());
    }
}
