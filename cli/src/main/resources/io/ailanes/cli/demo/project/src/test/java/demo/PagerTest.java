package demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pager's tests, runnable with a JDK only: checks each case, writes a JUnit XML report to
 * build/test-results, and exits 1 when a case fails.
 */
public final class PagerTest {

    private record Case(String name, int items, int size, int expected) {
    }

    public static void main(String[] args) throws IOException {
        List<Case> cases = List.of(
                new Case("exactlyFullPages", 10, 5, 2),
                new Case("partialLastPage", 11, 5, 3),
                new Case("noItems", 0, 5, 0),
                new Case("fewerItemsThanAPage", 1, 5, 1));
        StringBuilder xml = new StringBuilder();
        int failures = 0;
        for (Case c : cases) {
            int actual = Pager.pageCount(c.items(), c.size());
            xml.append("  <testcase classname=\"demo.PagerTest\" name=\"").append(c.name()).append("\"");
            if (actual == c.expected()) {
                xml.append("/>\n");
                System.out.println("PASS " + c.name());
            } else {
                failures++;
                String message = "pageCount(" + c.items() + ", " + c.size() + ") expected " + c.expected()
                        + " but was " + actual;
                xml.append(">\n    <failure message=\"").append(message).append("\"/>\n  </testcase>\n");
                System.out.println("FAIL " + c.name() + ": " + message);
            }
        }
        Path reports = Files.createDirectories(Path.of("build", "test-results"));
        Files.writeString(reports.resolve("TEST-demo.PagerTest.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"demo.PagerTest\" tests=\"" + cases.size() + "\" failures=\"" + failures
                + "\" errors=\"0\" skipped=\"0\">\n" + xml + "</testsuite>\n", StandardCharsets.UTF_8);
        System.out.println(cases.size() + " tests, " + failures + " failed");
        System.exit(failures == 0 ? 0 : 1);
    }
}
