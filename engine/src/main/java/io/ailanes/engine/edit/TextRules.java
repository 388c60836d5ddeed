package io.ailanes.engine.edit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What counts as text: strict UTF-8 without NUL, and no new control, bare-CR or invisible characters. Public for
 * {@link #isHidden}, the one classification of hidden characters that prompts share with edits.
 */
public final class TextRules {

    private TextRules() {
    }

    /** The bytes as text, or {@code null} when they are not valid UTF-8 or contain NUL. */
    static String decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Why new text is binary (NUL, unpaired surrogate), or {@code null}. */
    static String binaryProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "the new content contains a NUL character at line " + lineOf(text, i) + "; binary content cannot be written";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "the new content is not valid UTF-8 (unpaired surrogate at line " + lineOf(text, i) + ")";
            }
        }
        return null;
    }

    /**
     * Why the new text adds hidden characters the old text did not have, or {@code null}: control characters
     * other than tab and line feed, carriage returns not followed by a line feed, and Unicode format
     * characters (bidirectional overrides, zero-width characters, byte order marks). Counted, so a file that
     * already holds such characters can still be edited around them.
     */
    static String hiddenProblem(String oldText, String newText) {
        int[] before = counts(oldText == null ? "" : oldText);
        int[] after = counts(newText);
        String[] names = {"control characters", "bare carriage returns (CR without LF)",
            "invisible, format or bidirectional-override characters"};
        for (int k = 0; k < names.length; k++) {
            if (after[k] > before[k]) {
                int at = firstOf(newText, k);
                return "the new content adds " + (after[k] - before[k]) + " " + names[k] + " (first at line "
                        + lineOf(newText, at) + ": " + String.format(Locale.ROOT, "U+%04X", newText.codePointAt(at)) + ")";
            }
        }
        return null;
    }

    /**
     * The category of the code point at {@code i}: 0 control, 1 bare CR, 2 invisible, -1 none. By code point, not
     * UTF-16 unit: Unicode Tag characters (U+E0000-E007F, which can spell hidden instructions) and the
     * supplementary variation selectors are outside the basic plane.
     */
    private static int category(String s, int i) {
        int c = s.codePointAt(i);
        if (c == '\r') {
            return i + 1 < s.length() && s.charAt(i + 1) == '\n' ? -1 : 1;
        }
        if (c == '\t' || c == '\n') {
            return -1;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
            return 0;
        }
        if (c >= 0x80 && (Character.getType(c) == Character.FORMAT || invisible(c))) {
            return 2;
        }
        return -1;
    }

    /**
     * True when the code point at {@code i} is one that edits refuse to add: a control character other than tab and
     * line feed, a carriage return not followed by a line feed, or an invisible, format or bidirectional character
     * (zero-width, bidi controls, Unicode Tag characters, variation selectors, filler letters).
     */
    public static boolean isHidden(String s, int i) {
        return category(s, i) >= 0;
    }

    /** Characters that draw nothing yet are not format characters: variation selectors and filler letters. */
    private static boolean invisible(int c) {
        return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || c == 0x115F || c == 0x1160
                || c == 0x3164 || c == 0xFFA0 || c == 0x2800 || c == 0x180E;
    }

    private static int[] counts(String s) {
        int[] n = new int[3];
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            int k = category(s, i);
            if (k >= 0) {
                n[k]++;
            }
        }
        return n;
    }

    private static int firstOf(String s, int k) {
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            if (category(s, i) == k) {
                return i;
            }
        }
        return 0;
    }

    static int lineOf(String s, int index) {
        int line = 1;
        for (int i = 0; i < index && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
