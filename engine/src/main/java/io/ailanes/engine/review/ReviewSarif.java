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
final class ReviewSarif {

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
            // The file is model output: a location only for a workspace path the edit rules accept (never a
            // javascript: or file: URI, an absolute path or a traversal); otherwise the finding has no location.
            java.util.Optional<String> path = finding.file() == null ? java.util.Optional.empty()
                    : io.ailanes.engine.edit.EditPolicy.workspacePath(finding.file());
            if (path.isEmpty() && finding.file() != null && !finding.file().isBlank()) {
                text = text + "\n(The location the review named is not a workspace path and is left out.)";
            }
            result.putObject("message").put("text", text);
            if (path.isPresent()) {
                ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
                location.putObject("artifactLocation").put("uri", uri(path.get()));
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

    /** A relative URI reference for a workspace path: each segment percent-encoded where URIs need it. */
    private static String uri(String path) {
        StringBuilder uri = new StringBuilder();
        for (String segment : path.split("/")) {
            if (uri.length() > 0) {
                uri.append('/');
            }
            uri.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return uri.toString();
    }
}
