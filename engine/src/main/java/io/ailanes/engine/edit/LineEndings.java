package io.ailanes.engine.edit;

/**
 * Line-ending and trailing-newline preservation. Edits are written with LF; a file whose line breaks are
 * mostly CRLF gets its new lines as CRLF, so a CRLF file stays CRLF. A file without a final line break keeps
 * it that way. A byte order mark at the start of a file is kept.
 */
final class LineEndings {

    static final String LF = "\n";
    static final String CRLF = "\r\n";
    static final char BOM = '\uFEFF';

    private LineEndings() {
    }

    /** CRLF when most line breaks are CRLF, else LF (also for text without line breaks). */
    static String dominant(String text) {
        int crlf = 0;
        int lf = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (i > 0 && text.charAt(i - 1) == '\r') {
                    crlf++;
                } else {
                    lf++;
                }
            }
        }
        return crlf > lf ? CRLF : LF;
    }

    /** LF text written with {@code eol} line breaks; CRLF in the input is read as LF first. */
    static String withEol(String lfText, String eol) {
        String lf = lfText.replace(CRLF, LF);
        return eol.equals(LF) ? lf : lf.replace(LF, eol);
    }

    /** Whole new content for an existing file: its line breaks, final-newline state and BOM. */
    static String adaptWhole(String original, String content) {
        String eol = dominant(original);
        String result = withEol(content, eol);
        if (!original.isEmpty() && !original.endsWith("\n") && result.endsWith(eol)) {
            result = result.substring(0, result.length() - eol.length());
        }
        if (!original.isEmpty() && original.charAt(0) == BOM && (result.isEmpty() || result.charAt(0) != BOM)) {
            result = BOM + result;
        }
        return result;
    }
}
