package io.ailanes.engine.audit;

/**
 * One thing wrong with an audit file.
 *
 * @param kind what happened, as far as the evidence tells
 * @param line the 1-based line (of the file as it is now) the problem is reported at
 * @param message a sentence naming the line(s) and what happened
 */
public record VerificationProblem(Kind kind, long line, String message) {

    public enum Kind {
        /** A line's own hash does not match its content. */
        EDITED,
        /** Seqs are missing between two lines. */
        REMOVED,
        /** Lines are present but not in seq order. */
        REORDERED,
        /** A line nothing chains to, whose successor chains to its predecessor. */
        INSERTED,
        /** Two lines carry the same seq. */
        DUPLICATED,
        /** A line's prev does not match the line before it, and nothing above explains why. */
        CHAIN_BROKEN,
        /** A line that is not a valid audit line. */
        MALFORMED,
        /** The last line has no newline: a writer stopped mid-line. */
        TORN,
        /** The last line is not the head recorded elsewhere: lines were cut from (or added to) the end. */
        HEAD_MISMATCH
    }

    @Override
    public String toString() {
        return message;
    }
}
