package io.ailanes.engine.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code review.sarif}: the findings as SARIF 2.1.0, which code-scanning tools and the Jenkins warnings-ng
 * plugin read. Severity maps to level: high → error, medium → warning, low → note.
 */
public final class ReviewSarif {

    private ReviewSarif() {}

    public static ObjectNode of(Review review, String model, String planSha256) {
        ObjectNode sarif = Json.object();
        sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        sarif.put("version", "2.1.0");
        ObjectNode run = sarif.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "AI Lanes review");
        driver.put("informationUri", "https://github.com/ai-lanes/ai-lanes");
        ArrayNode rules = driver.putArray("rules");
        Set<String> categories = new LinkedHashSet<>();
        review.findings().forEach(f -> categories.add(f.category()));
        for (String category : categories) {
            rules.addObject().put("id", category).putObject("shortDescription").put("text", "Review finding: " + category);
        }
        ArrayNode results = run.putArray("results");
        for (Review.Finding finding : review.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", finding.category());
            result.put("level", switch (finding.severity()) {
                case "high" -> "error";
                case "medium" -> "warning";
                default -> "note";
            });
            String text = finding.message()
                    + (finding.suggestion() == null || finding.suggestion().isBlank() ? "" : "\nSuggestion: " + finding.suggestion());
            result.putObject("message").put("text", text);
            if (finding.file() != null && !finding.file().isBlank()) {
                ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
                location.putObject("artifactLocation").put("uri", finding.file());
                if (finding.line() > 0) {
                    location.putObject("region").put("startLine", finding.line());
                }
            }
            result.putObject("properties").put("severity", finding.severity());
        }
        ObjectNode properties = run.putObject("properties");
        properties.put("verdict", review.verdict());
        properties.put("summary", review.summary());
        properties.put("model", model);
        properties.put("planSha256", planSha256);
        return sarif;
    }

    public static void write(Review review, String model, String planSha256, Path file) throws IOException {
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), of(review, model, planSha256));
    }
}
