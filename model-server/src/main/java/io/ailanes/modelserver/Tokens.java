package io.ailanes.modelserver;

/** The model server's token counts. */
final class Tokens {

    private Tokens() {}

    /** A count in the range real tokenizers give for English and code (about four characters a token), at least 1. */
    static long of(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }
}
