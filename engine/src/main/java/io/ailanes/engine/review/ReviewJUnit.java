package io.ailanes.engine.review;

import io.ailanes.engine.option.FailOn;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code review.xml}: the review as JUnit XML. Findings at or above {@code failOn} are failures, the rest
 * pass (with their text in system-out), so CI dashboards show the review beside the tests.
 */
final class ReviewJUnit {

    private ReviewJUnit() {}

    public static void write(Review review, FailOn failOn, Path file) throws IOException {
        long failures = review.findings().stream()
                .filter(f -> failOn.reachedBy(f.severity())).count();
        int tests = Math.max(1, review.findings().size());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write("<testsuite name=\"ai-lanes review\" tests=\"" + tests + "\" failures=\"" + failures
                    + "\" errors=\"0\" skipped=\"0\">\n");
            if (review.findings().isEmpty()) {
                out.write("  <testcase classname=\"ai-lanes.review\" name=\"" + escape(review.verdict()) + "\"/>\n");
            }
            int n = 1;
            for (Review.Finding f : review.findings()) {
                String name = String.format("%02d %s %s:%d", n++, f.severity(), f.file(), f.line());
                out.write("  <testcase classname=\"ai-lanes.review." + escape(f.category()) + "\" name=\"" + escape(name) + "\">\n");
                String body = f.message() + (f.suggestion() == null || f.suggestion().isBlank() ? "" : "\nSuggestion: " + f.suggestion());
                if (failOn.reachedBy(f.severity())) {
                    out.write("    <failure message=\"" + escape(f.severity() + ": " + f.category()) + "\">" + escape(body) + "</failure>\n");
                } else {
                    out.write("    <system-out>" + escape(body) + "</system-out>\n");
                }
                out.write("  </testcase>\n");
            }
            out.write("</testsuite>\n");
        }
    }

    private static String escape(String value) {
        return io.ailanes.engine.gate.GatesXml.attribute(value == null ? "" : value);
    }
}
