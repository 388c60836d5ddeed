package io.ailanes.engine.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the JUnit XML reports a gate wrote (Surefire, Gradle, pytest, Jest...). The files come from code a
 * model wrote, so the parser refuses DTDs and external entities.
 */
public final class JUnitReports {

    private static final int MAX_FAILING = 30;

    private JUnitReports() {}

    /** Counts over every file under {@code root} matching {@code glob} that changed at or after {@code since}. */
    public static JUnitCounts read(Path root, String glob, long sinceMillis) throws IOException {
        io.ailanes.engine.edit.Glob matcher = new io.ailanes.engine.edit.Glob(glob);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> matcher.matches(root.relativize(p).toString().replace('\\', '/')))
                    .filter(p -> modified(p) >= sinceMillis)
                    .sorted()
                    .toList();
        }
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        List<String> failing = new ArrayList<>();
        DocumentBuilder parser = parser();
        for (Path file : files) {
            Document document;
            try (InputStream in = Files.newInputStream(file)) {
                document = parser.parse(in);
            } catch (SAXException e) {
                continue; // a half-written or foreign file: the exit code still decides
            }
            NodeList cases = document.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                tests++;
                String name = testCase.getAttribute("classname") + "." + testCase.getAttribute("name");
                if (has(testCase, "failure")) {
                    failures++;
                    note(failing, name, testCase, "failure");
                } else if (has(testCase, "error")) {
                    errors++;
                    note(failing, name, testCase, "error");
                } else if (has(testCase, "skipped")) {
                    skipped++;
                }
            }
        }
        return new JUnitCounts(tests, failures, errors, skipped, failing);
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean has(Element element, String tag) {
        return element.getElementsByTagName(tag).getLength() > 0;
    }

    private static void note(List<String> failing, String name, Element testCase, String tag) {
        if (failing.size() < MAX_FAILING) {
            String message = ((Element) testCase.getElementsByTagName(tag).item(0)).getAttribute("message");
            failing.add(message == null || message.isBlank() ? name : name + ": " + message.strip());
        }
    }

    static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no secure XML parser available", e);
        }
    }
}
