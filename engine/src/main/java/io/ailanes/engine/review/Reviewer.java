package io.ailanes.engine.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.json.SchemaDocument;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.prompt.PromptFence;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.Message;
import io.ailanes.engine.provider.OutputSchema;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.run.AiRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The review step: a model of another family than the implementer's (the router's diversity rule) reads
 * the plan, its acceptance criteria and the diff, and returns findings that must match the review schema.
 * Writes {@code review.json}, {@code review.sarif} (SARIF 2.1.0) and {@code review.xml} (JUnit).
 */
public final class Reviewer {

    static final SchemaDocument SCHEMA = SchemaDocument.resource("/io/ailanes/engine/review/review.schema.json");
    static final String STEP = "review";
    /** Diffs beyond this are cut (with a note) so a huge change cannot blow the review budget. */
    static final int MAX_DIFF_CHARS = 400_000;
    /** Diffs are read up to this; the review cuts what it sends much earlier ({@link #MAX_DIFF_CHARS}). */
    public static final int MAX_DIFF_BYTES = 4 * 1024 * 1024;

    /**
     * What to review.
     *
     * @param implementerFamily the family of the model that wrote the change, or null
     */
    public record Request(Plan plan, String planSha256, String diff, String lane, String implementerFamily,
            FailOn failOn, int maxOutputTokens, int floorOutputTokens) {

        /** The review's output cap when a step or option does not set one. */
        public static final int DEFAULT_MAX_OUTPUT_TOKENS = 8_000;

        public Request {
            lane = lane == null ? Lane.REVIEW : lane;
            failOn = failOn == null ? FailOn.HIGH : failOn;
            diff = diff == null ? "" : diff;
        }

        /** A request whose floor is the one that goes with {@code maxOutputTokens}. */
        public Request(Plan plan, String planSha256, String diff, String lane, String implementerFamily,
                FailOn failOn, int maxOutputTokens) {
            this(plan, planSha256, diff, lane, implementerFamily, failOn, maxOutputTokens,
                    floorOutputTokens(maxOutputTokens));
        }

        /** The fewest output tokens worth a review call under a cap of {@code maxOutputTokens}. */
        public static int floorOutputTokens(int maxOutputTokens) {
            return Math.min(1_000, maxOutputTokens);
        }
    }

    /** The review and where it was written. */
    public record Result(Review review, boolean failed, String model, List<RoutedResponse> calls, Path json, Path sarif,
            Path junit) {}

    private final AiRun run;
    private final Redactor redactor;

    public Reviewer(AiRun run, Redactor redactor) {
        this.run = run;
        this.redactor = redactor;
    }

    public Result review(Request request, Path outDir, CallListener text, Cancellation cancellation) throws IOException {
        PromptFence fence = new PromptFence(redactor);
        String diff = request.diff().length() > MAX_DIFF_CHARS
                ? request.diff().substring(0, MAX_DIFF_CHARS) + "\n[... diff cut at " + MAX_DIFF_CHARS + " characters ...]\n"
                : request.diff();
        String user = userPrompt(request, fence, diff);
        ChatRequest chat = ChatRequest.builder("routed")
                .system(systemPrompt(fence))
                // No cache breakpoint: an Anthropic cache write costs 1.25x input and only the rare repair call
                // would read it back. Implement marks its prefix, because its fix rounds do reuse it.
                .message(Message.user(user))
                .maxOutputTokens(request.maxOutputTokens())
                .temperature(0.0)
                .outputSchema(new OutputSchema("review", SCHEMA.forProviders(), true))
                .stream(true)
                .build();
        List<RoutedResponse> calls = new ArrayList<>();
        RoutedResponse first = run.call(STEP, request.lane(), chat, request.floorOutputTokens(),
                request.implementerFamily(), text, cancellation, Map.of());
        calls.add(first);
        RoutedResponse last = first;
        List<String> problems = SCHEMA.validateAnswer(first.response().text());
        if (!problems.isEmpty()) {
            ChatRequest repair = ChatRequest.builder("routed")
                    .system(chat.system())
                    .message(chat.messages().get(0))
                    .assistant(first.response().text())
                    .user("That review does not match the required JSON schema; the problems are in this block:\n"
                            + fence.fence("schema problems", "- " + String.join("\n- ", problems))
                            + "\nReturn the corrected review as one JSON object, nothing else.")
                    .maxOutputTokens(request.maxOutputTokens())
                    .temperature(0.0)
                    .outputSchema(chat.outputSchema())
                    .stream(true)
                    .build();
            last = run.call(STEP, request.lane(), repair, request.floorOutputTokens(), request.implementerFamily(),
                    text, cancellation, Map.of("repair", "1"));
            calls.add(last);
            problems = SCHEMA.validateAnswer(last.response().text());
            if (!problems.isEmpty()) {
                throw new ReviewException("the " + request.lane() + " lane returned no valid review after one repair", problems);
            }
        }
        JsonNode node = Json.tryParse(SchemaDocument.stripFences(last.response().text())).orElseThrow();
        Review parsed = Json.MAPPER.convertValue(node, Review.class);
        List<Review.Finding> sorted = new ArrayList<>(parsed.findings());
        sorted.sort(Comparator.comparingInt((Review.Finding f) -> -FailOn.severityRank(f.severity())));
        Review review = new Review(parsed.verdict(), parsed.summary(), sorted);
        Files.createDirectories(outDir);
        Path json = outDir.resolve("review.json");
        Path sarif = outDir.resolve("review.sarif");
        Path junit = outDir.resolve("review.xml");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), review);
        String model = last.model().toString();
        ReviewSarif.write(review, model, request.planSha256(), sarif);
        ReviewJUnit.write(review, request.failOn(), junit);
        return new Result(review, review.fails(request.failOn()), model, calls, json, sarif, junit);
    }

    /** The user message: plan, criteria and diff fenced, only fixed text outside. */
    static String userPrompt(Request request, PromptFence fence, String diff) throws IOException {
        return fence.fence("plan (sha256 " + request.planSha256() + ")",
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(request.plan())) + "\n\n"
                + fence.fence("acceptance criteria", "- " + String.join("\n- ", request.plan().acceptanceCriteria())) + "\n\n"
                + fence.fence("diff", diff.isBlank() ? "(the change is empty)" : diff) + "\n\n"
                + "Review the diff against the plan. Return the review as one JSON object.";
    }

    private static String systemPrompt(PromptFence fence) {
        return """
                You are the review lane of AI Lanes: an independent senior reviewer. Judge the diff against the plan \
                and its acceptance criteria: correctness, security, missing or weak tests, deviations from the plan \
                (files touched that the plan does not name, criteria not met), and maintainability. Report each \
                problem as a finding with a severity (high: wrong or unsafe, must not merge; medium: should be fixed; \
                low: minor), the file and line in the new code, a category, a message and a concrete suggestion. \
                Approve only when every acceptance criterion is met and nothing is high. Do not praise; be specific.
                """ + fence.rule() + "\nReview schema:\n" + SCHEMA.forProviders().toPrettyString();
    }
}
