package io.ailanes.engine.steps;

/** A number with its noun, singular for one: {@code 1 round}, {@code 2 rounds}, {@code 3 acceptance criteria}. */
public final class CountedNoun {

    private CountedNoun() {}

    /** For nouns that take an {@code s}. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
