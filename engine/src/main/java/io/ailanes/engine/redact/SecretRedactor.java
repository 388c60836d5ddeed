package io.ailanes.engine.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Replaces known secret values in text with a fixed mask. */
public final class SecretRedactor {

    public static final String MASK = "****";
    public static final SecretRedactor NONE = new SecretRedactor(List.of());

    // Shorter secrets could match ordinary words; a key is never this short.
    private static final int MIN_SECRET_LENGTH = 6;
    // The shortest piece of a cut secret worth masking: fewer characters tell an attacker next to nothing.
    private static final int MIN_CUT_LENGTH = 4;
    // The same for a text that does not end in an ellipsis, where a short match is likely an ordinary word.
    private static final int MIN_BARE_CUT_LENGTH = 8;

    private final List<String> secrets;

    public SecretRedactor(List<String> secretValues) {
        List<String> kept = new ArrayList<>();
        for (String value : secretValues) {
            if (value != null && value.length() >= MIN_SECRET_LENGTH) {
                kept.add(value);
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        kept.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(kept);
    }

    public static SecretRedactor of(String... secretValues) {
        return new SecretRedactor(java.util.Arrays.stream(secretValues).filter(Objects::nonNull).toList());
    }

    /** This redactor with more secret values. */
    public SecretRedactor and(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(secrets);
        all.addAll(more);
        return new SecretRedactor(all);
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        for (String secret : secrets) {
            result = maskCutSecret(result, secret);
        }
        return result;
    }

    /**
     * A message shortened for display ({@link ErrorBodies} ends it with "...") can cut a secret in two; the
     * part left at the cut is still a secret's beginning and is masked too.
     */
    private static String maskCutSecret(String text, String secret) {
        String ellipsis = text.endsWith("...") ? "..." : "";
        String head = text.substring(0, text.length() - ellipsis.length());
        // Without the ellipsis the text may simply end with a word a key happens to start with (a key
        // "qwen-..." and the provider id "qwen" in an audit line), so a longer piece is needed.
        int shortest = ellipsis.isEmpty() ? MIN_BARE_CUT_LENGTH : MIN_CUT_LENGTH;
        for (int length = Math.min(secret.length() - 1, head.length()); length >= shortest; length--) {
            if (head.endsWith(secret.substring(0, length))) {
                return head.substring(0, head.length() - length) + MASK + ellipsis;
            }
        }
        return text;
    }
}
