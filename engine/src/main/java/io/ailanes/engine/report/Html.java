package io.ailanes.engine.report;

/**
 * The report's one escape function. Every string that did not come from this package's own constants (model
 * names, error messages, step and lane names, scope names, titles) goes through it before it reaches the page,
 * whether as element text, attribute value or SVG text.
 */
final class Html {

    private Html() {}

    /**
     * Escapes the five characters that can end or open markup or an attribute value ({@code & < > " '}) and
     * drops control characters that have no place in an HTML document. Safe for text and for quoted
     * attribute values; never place its output in a script, style or unquoted attribute.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f ? "" : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** Shortens a raw (unescaped) label to {@code max} characters with an ellipsis, then escapes it. */
    public static String escapeShort(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return escape(text);
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return escape(text.substring(0, cut)) + "\u2026";
    }
}
