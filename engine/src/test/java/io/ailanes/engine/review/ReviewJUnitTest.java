package io.ailanes.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.option.FailOn;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** review.xml stays well-formed whatever characters a model's findings hold. */
class ReviewJUnitTest {

    @TempDir
    Path dir;

    @Test
    void charactersXmlCannotCarryAreReplacedAndMarkupIsEscaped() throws Exception {
        String hostile = "bad \uFFFF \uFFFE \u0001 \uD800 end </failure><x a=\"1\"> & \uD83D\uDE00";
        Review review = new Review("request-changes", "summary", List.of(
                new Review.Finding("high", "src/A.java", 3, "correct\uFFFFness", hostile, hostile)));
        Path file = dir.resolve("review.xml");

        ReviewJUnit.write(review, FailOn.HIGH, file);

        // A plain parser fails on the first character XML 1.0 forbids: that is what Jenkins' junit step would do.
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        String failure = doc.getElementsByTagName("failure").item(0).getTextContent();
        assertThat(failure).startsWith("bad \uFFFD \uFFFD \uFFFD \uFFFD end </failure><x a=\"1\"> & \uD83D\uDE00");
        assertThat(Files.readString(file)).doesNotContain("\uFFFF", "\uFFFE", "\u0001");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    }
}
