package io.ailanes.engine.gate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes gate results as JUnit XML ({@code gates.xml}): one test case per gate and round, so Jenkins' JUnit
 * publisher and any CI show the gates beside the project's own tests.
 */
public final class GatesXml {

    /** The gates of one round of implementation. */
    public record Round(int number, List<GateResult> results) {}

    private GatesXml() {}

    public static void write(List<Round> rounds, Path file) throws IOException {
        int tests = 0;
        int failures = 0;
        double seconds = 0;
        for (Round round : rounds) {
            for (GateResult result : round.results()) {
                tests++;
                failures += result.passed() ? 0 : 1;
                seconds += result.duration().toMillis() / 1000.0;
            }
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write(String.format(Locale.ROOT, "<testsuite name=\"ai-lanes gates\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                    tests, failures, seconds));
            for (Round round : rounds) {
                for (GateResult result : round.results()) {
                    out.write(String.format(Locale.ROOT, "  <testcase classname=\"ai-lanes.gates.round%d\" name=\"%s\" time=\"%.3f\">%n",
                            round.number(), attribute(result.gate().name()), result.duration().toMillis() / 1000.0));
                    if (!result.passed()) {
                        String message = result.stopped() ? "stopped with its step"
                                : result.timedOut() ? "timed out" : "exit code " + result.exitCode();
                        out.write("    <failure message=\"" + attribute(message) + "\">" + text(result.output()) + "</failure>\n");
                    }
                    out.write("    <system-out>" + text("$ " + result.gate().command()) + "</system-out>\n");
                    out.write("  </testcase>\n");
                }
            }
            out.write("</testsuite>\n");
        }
    }

    /** XML-escaped for an attribute value (also used by the review JUnit report). */
    public static String attribute(String value) {
        return text(value).replace("\"", "&quot;");
    }

    /** XML-escaped, with characters XML 1.0 cannot carry (most control characters) replaced. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\r' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
