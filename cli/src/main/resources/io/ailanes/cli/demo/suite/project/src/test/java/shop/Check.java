package shop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A test harness that needs a JDK only: each case compares what its code returns with what it expects,
 * prints PASS or FAIL, and {@link #done} writes a JUnit XML report to build/test-results and exits 1 when a
 * case failed.
 */
final class Check {

    private final String suite;
    private final StringBuilder xml = new StringBuilder();
    private int tests;
    private int failures;

    Check(String suite) {
        this.suite = suite;
    }

    /** One case: {@code actual} must equal {@code expected}; an exception fails the case. */
    void equal(String name, Object expected, Supplier<Object> actual) {
        tests++;
        String message;
        try {
            Object value = actual.get();
            message = Objects.equals(expected, value) ? null : "expected " + expected + " but was " + value;
        } catch (RuntimeException e) {
            message = "expected " + expected + " but threw " + e;
        }
        xml.append("  <testcase classname=\"shop.").append(suite).append("\" name=\"").append(name).append("\"");
        if (message == null) {
            xml.append("/>\n");
            System.out.println("PASS " + name);
        } else {
            failures++;
            xml.append(">\n    <failure message=\"").append(escape(message)).append("\"/>\n  </testcase>\n");
            System.out.println("FAIL " + name + ": " + message);
        }
    }

    /** Writes the report and exits: 0 when every case passed, 1 otherwise. */
    void done() throws IOException {
        Path reports = Files.createDirectories(Path.of("build", "test-results"));
        Files.writeString(reports.resolve("TEST-shop." + suite + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"shop." + suite + "\" tests=\"" + tests + "\" failures=\"" + failures
                + "\" errors=\"0\" skipped=\"0\">\n" + xml + "</testsuite>\n", StandardCharsets.UTF_8);
        System.out.println(tests + " tests, " + failures + " failed");
        System.exit(failures == 0 ? 0 : 1);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
