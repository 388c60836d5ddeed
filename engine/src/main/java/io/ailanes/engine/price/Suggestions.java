package io.ailanes.engine.price;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for mistyped names: the closest candidate by edit distance, if it is close enough. */
public final class Suggestions {

    private Suggestions() {}

    /**
     * The candidate nearest {@code wanted}, if within a third of its length (at least 2 edits). Model
     * references are also matched by their model part inside the candidate's, so that a shortened,
     * mistyped {@code deepseek/v4-flsh} still finds {@code deepseek/deepseek-v4-flash}.
     */
    public static Optional<String> closest(String wanted, Collection<String> candidates) {
        String target = wanted.toLowerCase(Locale.ROOT);
        int slash = target.indexOf('/');
        String modelPart = slash > 0 ? target.substring(slash + 1) : "";
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String other = candidate.toLowerCase(Locale.ROOT);
            // Scores are edits beyond what each kind of match allows: <= 0 is a plausible suggestion.
            int score = distance(target, other) - Math.max(2, target.length() / 3);
            if (modelPart.length() >= 5 && other.startsWith(target.substring(0, slash + 1))) {
                int infix = infixDistance(modelPart, other.substring(slash + 1));
                score = Math.min(score, infix - Math.max(1, modelPart.length() / 4));
            }
            if (score < bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best != null && bestScore <= 0 ? Optional.of(best) : Optional.empty();
    }

    /** Edits to turn {@code pattern} into some substring of {@code text} (text's ends are free). */
    static int infixDistance(String pattern, String text) {
        int[] previous = new int[text.length() + 1];
        int[] current = new int[text.length() + 1];
        for (int i = 1; i <= pattern.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= text.length(); j++) {
                int substitution = previous[j - 1] + (pattern.charAt(i - 1) == text.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        int best = Integer.MAX_VALUE;
        for (int value : previous) {
            best = Math.min(best, value);
        }
        return best;
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
