package io.ailanes.engine.gate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Writes gate results as JUnit XML ({@code gates.xml}), so Jenkins' JUnit publisher and any CI show the gates beside
 * the project's own tests. One test case per gate, carrying its outcome in the last round it ran: a gate that failed
 * in a fix round and passed later is a pass with its earlier failures as {@code flakyFailure}s, the way Maven Surefire
 * reports a test that passed on a rerun (Jenkins' JUnit plugin reads them so); a gate that never passed is a
 * {@code failure} with its earlier ones as {@code rerunFailure}s. A change whose gates passed thus does not make the
 * build unstable for the rounds it took.
 */
public final class GatesXml {

    /** The gates of one round of implementation. */
    public record Round(int number, List<GateResult> results) {}

    private GatesXml() {}

    public static void write(List<Round> rounds, Path file) throws IOException {
        // Each gate's results in round order, gates in the order they first ran.
        Map<String, List<Map.Entry<Integer, GateResult>>> byGate = new LinkedHashMap<>();
        double seconds = 0;
        for (Round round : rounds) {
            for (GateResult result : round.results()) {
                byGate.computeIfAbsent(result.gate().name(), k -> new ArrayList<>()).add(Map.entry(round.number(), result));
                seconds += result.duration().toMillis() / 1000.0;
            }
        }
        int failures = 0;
        for (List<Map.Entry<Integer, GateResult>> runs : byGate.values()) {
            failures += runs.get(runs.size() - 1).getValue().passed() ? 0 : 1;
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write(String.format(Locale.ROOT, "<testsuite name=\"ai-lanes gates\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                    byGate.size(), failures, seconds));
            for (List<Map.Entry<Integer, GateResult>> runs : byGate.values()) {
                Map.Entry<Integer, GateResult> last = runs.get(runs.size() - 1);
                GateResult result = last.getValue();
                out.write(String.format(Locale.ROOT, "  <testcase classname=\"ai-lanes.gates\" name=\"%s\" time=\"%.3f\">%n",
                        attribute(result.gate().name()), result.duration().toMillis() / 1000.0));
                if (!result.passed()) {
                    out.write("    <failure message=\"" + attribute(message(last)) + "\">" + text(result.output()) + "</failure>\n");
                }
                String earlier = result.passed() ? "flakyFailure" : "rerunFailure";
                for (Map.Entry<Integer, GateResult> run : runs.subList(0, runs.size() - 1)) {
                    if (!run.getValue().passed()) {
                        out.write("    <" + earlier + " message=\"" + attribute(message(run)) + "\" type=\"gate\"><stackTrace>"
                                + text(run.getValue().output()) + "</stackTrace></" + earlier + ">\n");
                    }
                }
                out.write("    <system-out>" + text("$ " + result.gate().command() + "\n" + (result.passed() ? "passed" : "failed")
                        + " in round " + last.getKey() + (runs.size() > 1 ? ", after " + runs.size() + " runs" : "")) + "</system-out>\n");
                out.write("  </testcase>\n");
            }
            out.write("</testsuite>\n");
        }
    }

    private static String message(Map.Entry<Integer, GateResult> run) {
        GateResult result = run.getValue();
        long failedTests = result.junit().failures() + result.junit().errors();
        return "round " + run.getKey() + ": " + (result.stopped() ? "stopped with its step"
                : result.timedOut() ? "timed out"
                : result.exitCode() == 0 && failedTests > 0 ? failedTests + " of its tests failed"
                : "exit code " + result.exitCode());
    }

    /** XML-escaped for an attribute value (also used by the review JUnit report). */
    public static String attribute(String value) {
        return text(value).replace("\"", "&quot;");
    }

    /**
     * XML-escaped, with every character XML 1.0 cannot carry replaced by U+FFFD: control characters other than tab, line
     * feed and carriage return, U+FFFE and U+FFFF, and unpaired surrogates (model output can hold any of them, and one
     * makes the whole report unreadable for Jenkins' junit step).
     */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    boolean allowed = c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        }
        return out.toString();
    }
}
