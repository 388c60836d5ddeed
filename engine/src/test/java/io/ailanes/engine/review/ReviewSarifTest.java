package io.ailanes.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SARIF locations come from model output: only workspace paths the edit rules accept become locations. */
class ReviewSarifTest {

    private static JsonNode result(String file) {
        Review review = new Review("request-changes", "s",
                List.of(new Review.Finding("high", file, 7, "security", "Problem.", null)));
        return ReviewSarif.of(review, "m", "ab".repeat(32)).at("/runs/0/results/0");
    }

    @Test
    void hostileLocationsAreLeftOutAndSaidSo() {
        for (String hostile : List.of("javascript:alert(1)", "file:///etc/passwd", "/etc/passwd", "../../outside.txt",
                "https://evil.example/x", "C:\\\\Windows\\\\x", "src/\u202Etxt.java")) {
            JsonNode result = result(hostile);
            assertThat(result.has("locations")).as(hostile).isFalse();
            assertThat(result.at("/message/text").asText()).as(hostile).contains("not a workspace path");
        }
    }

    @Test
    void aWorkspacePathIsARelativeUriWithItsLine() {
        JsonNode result = result("src/main/java/My File.java");

        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("src/main/java/My%20File.java");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(7);
        assertThat(result.at("/message/text").asText()).isEqualTo("Problem.");
    }
}
