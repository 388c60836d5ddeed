package io.ailanes.engine.edit;

import io.ailanes.engine.edit.PolicyViolation.Rule;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lexical path rules, applied to the path exactly as the model wrote it, before the file system is
 * touched. Nothing is decoded or repaired: anything that could mean a different file on some agent's file
 * system is refused. The only normalisation is dropping empty and {@code .} segments.
 */
final class PathRules {

    static final int MAX_PATH_CHARS = 4096;
    static final int MAX_SEGMENT_BYTES = 255;

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");
    private static final Pattern PERCENT_ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}");
    // Windows 8.3 short names ("GIT~1" is ".git" on NTFS).
    private static final Pattern SHORT_NAME = Pattern.compile("~[0-9]");
    private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "conin$", "conout$",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    private static final String WINDOWS_RESERVED = "<>\"|?*";

    private PathRules() {
    }

    /** The outcome: a normalised path or the first rule it breaks. */
    record Checked(String path, PolicyViolation violation) {
        boolean ok() {
            return violation == null;
        }
    }

    static Checked check(String raw) {
        if (raw == null || raw.isEmpty()) {
            return bad(Rule.INVALID_PATH, "", "the path is empty");
        }
        if (raw.length() > MAX_PATH_CHARS) {
            return bad(Rule.INVALID_PATH, raw, "the path is longer than " + MAX_PATH_CHARS + " characters");
        }
        String charProblem = characterProblem(raw);
        if (charProblem != null) {
            return bad(Rule.INVALID_PATH, raw, charProblem);
        }
        if (raw.startsWith("\\\\") || raw.startsWith("//")) {
            return bad(Rule.ABSOLUTE_PATH, raw, "network (UNC) paths are not allowed; use a path relative to the workspace root");
        }
        if (raw.startsWith("/") || raw.startsWith("\\")) {
            return bad(Rule.ABSOLUTE_PATH, raw, "absolute paths are not allowed; use a path relative to the workspace root");
        }
        if (DRIVE.matcher(raw).find()) {
            return bad(Rule.DRIVE_PATH, raw, "drive paths like 'C:\\' or 'C:file' are not allowed; use a path relative to the workspace root");
        }
        if (raw.indexOf('\\') >= 0) {
            return bad(Rule.INVALID_PATH, raw, "backslashes are not allowed in paths; use '/' as the separator");
        }
        if (raw.indexOf(':') >= 0) {
            return bad(Rule.INVALID_PATH, raw, "':' is not allowed in paths (drive letters, alternate data streams)");
        }
        if (PERCENT_ENCODED.matcher(raw).find()) {
            return bad(Rule.INVALID_PATH, raw, "percent-encoded characters (like '%2e') are not allowed; write the path literally");
        }
        for (int i = 0; i < WINDOWS_RESERVED.length(); i++) {
            if (raw.indexOf(WINDOWS_RESERVED.charAt(i)) >= 0) {
                return bad(Rule.INVALID_PATH, raw, "'" + WINDOWS_RESERVED.charAt(i) + "' is not allowed in paths");
            }
        }
        if (raw.endsWith("/")) {
            return bad(Rule.INVALID_PATH, raw, "the path names a directory; name a file");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            PolicyViolation v = segmentViolation(raw, segment);
            if (v != null) {
                return new Checked(null, v);
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            return bad(Rule.INVALID_PATH, raw, "the path names the workspace root; name a file");
        }
        return new Checked(String.join("/", segments), null);
    }

    private static PolicyViolation segmentViolation(String raw, String segment) {
        if (segment.equals("..")) {
            return new PolicyViolation(Rule.TRAVERSAL, raw, "'..' segments are not allowed; paths must stay inside the workspace");
        }
        if (segment.equalsIgnoreCase(".git")) {
            return new PolicyViolation(Rule.GIT_DIRECTORY, raw, "files inside a .git directory can never be edited");
        }
        if (segment.endsWith(".") || segment.endsWith(" ")) {
            // Windows drops trailing dots and spaces: "Jenkinsfile." is "Jenkinsfile", ".git." is ".git".
            return new PolicyViolation(Rule.INVALID_PATH, raw, "segment '" + segment + "' ends with '.' or a space");
        }
        if (SHORT_NAME.matcher(segment).find()) {
            return new PolicyViolation(Rule.INVALID_PATH, raw, "segment '" + segment + "' looks like a Windows short name ('~1')");
        }
        String base = segment.toLowerCase(Locale.ROOT);
        int dot = base.indexOf('.');
        if (DEVICE_NAMES.contains(dot < 0 ? base : base.substring(0, dot))) {
            return new PolicyViolation(Rule.INVALID_PATH, raw, "segment '" + segment + "' is a Windows device name");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            return new PolicyViolation(Rule.INVALID_PATH, raw, "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
        }
        return null;
    }

    /** Control, format (invisible) and lookalike characters; non-ASCII must be plain letters and digits. */
    private static String characterProblem(String raw) {
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
                return "control character " + hex(cp) + " in the path";
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                return "unpaired surrogate " + hex(cp) + " in the path";
            }
            if (cp < 0x80) {
                continue;
            }
            if (Character.getType(cp) == Character.FORMAT) {
                return "invisible format character " + hex(cp) + " in the path";
            }
            if (!Character.isLetterOrDigit(cp)) {
                return "non-ASCII character " + hex(cp) + " that is not a letter or digit (possible lookalike of '.' or '/')";
            }
        }
        if (!Normalizer.normalize(raw, Normalizer.Form.NFKC).equals(raw)) {
            return "characters that Unicode normalisation changes (fullwidth or compatibility lookalikes); write the path in plain NFC form";
        }
        return null;
    }

    private static String hex(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    private static Checked bad(Rule rule, String raw, String reason) {
        return new Checked(null, new PolicyViolation(rule, raw, reason));
    }
}
