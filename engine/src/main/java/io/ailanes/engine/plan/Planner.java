package io.ailanes.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.Sha256;
import io.ailanes.engine.edit.BoundedText;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.json.SchemaDocument;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.prompt.PromptFence;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.Message;
import io.ailanes.engine.provider.OutputSchema;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.run.AiRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan step: the reasoning lane reads the task, a repository map and the selected files, and returns
 * a plan that must validate against the published schema. One repair call is allowed; then it fails.
 */
public final class Planner {

    /** What to plan. */
    public record Request(
            String task,
            Path workspace,
            List<String> contextGlobs,
            int maxContextTokens,
            String lane,
            int maxOutputTokens,
            int floorOutputTokens) {

        /** The bound on task, map and files when a step or option does not set one. */
        public static final int DEFAULT_MAX_CONTEXT_TOKENS = 60_000;
        /** The plan's output cap when a step or option does not set one. */
        public static final int DEFAULT_MAX_OUTPUT_TOKENS = 8_000;

        public Request {
            if (task == null || task.isBlank()) {
                throw new IllegalArgumentException("a plan needs a task: pass the task text or a file that holds it");
            }
            contextGlobs = contextGlobs == null ? List.of() : List.copyOf(contextGlobs);
            lane = lane == null ? Lane.REASONING : lane;
        }

        /** A request whose floor is the one that goes with {@code maxOutputTokens}. */
        public Request(String task, Path workspace, List<String> contextGlobs, int maxContextTokens, String lane,
                int maxOutputTokens) {
            this(task, workspace, contextGlobs, maxContextTokens, lane, maxOutputTokens,
                    floorOutputTokens(maxOutputTokens));
        }

        /** The fewest output tokens worth a plan call under a cap of {@code maxOutputTokens}. */
        public static int floorOutputTokens(int maxOutputTokens) {
            return Math.min(1_000, maxOutputTokens);
        }
    }

    /** The plan, where it was written and what it cost. */
    public record Result(Plan plan, String sha256, Path planJson, Path planMd, List<RoutedResponse> calls, List<String> contextFiles) {}

    static final String STEP = "plan";

    /** Task files are instructions, not data dumps: longer ones are refused. */
    public static final int MAX_TASK_BYTES = 256 * 1024;
    /** A plan.json larger than this is not one a plan step wrote. */
    public static final int MAX_PLAN_BYTES = 1024 * 1024;

    private final AiRun run;
    private final Redactor redactor;

    public Planner(AiRun run, Redactor redactor) {
        this.run = run;
        this.redactor = redactor;
    }

    public Result plan(Request request, Path outDir, CallListener text, Cancellation cancellation) throws IOException {
        if (request.workspace() == null) {
            throw new IllegalArgumentException("a plan request without a workspace needs its context collected first");
        }
        PlanContext context = PlanContext.collect(request.workspace(), request.contextGlobs(), request.task(),
                request.maxContextTokens());
        return plan(request, context, outDir, text, cancellation);
    }

    /**
     * Plans from a context collected elsewhere ({@link PlanContext#collect}), e.g. on the Jenkins agent that holds
     * the workspace, while the model call is made here.
     */
    public Result plan(Request request, PlanContext context, Path outDir, CallListener text, Cancellation cancellation)
            throws IOException {
        PromptFence fence = new PromptFence(redactor);
        List<String> contextFiles = context.paths();
        String user = userPrompt(request, fence, context);
        ChatRequest chat = ChatRequest.builder("routed")
                .system(systemPrompt(fence))
                // No cache breakpoint: an Anthropic cache write costs 1.25x input and only the rare repair call
                // would read it back. Implement marks its prefix, because its fix rounds do reuse it.
                .message(Message.user(user))
                .maxOutputTokens(request.maxOutputTokens())
                .temperature(0.0)
                .outputSchema(new OutputSchema("plan", PlanSchema.forProviders(), true))
                .stream(true)
                .build();
        List<RoutedResponse> calls = new ArrayList<>();
        RoutedResponse first = run.call(STEP, request.lane(), chat, request.floorOutputTokens(), null, text,
                cancellation, Map.of());
        calls.add(first);
        String answer = first.response().text();
        List<String> problems = problems(answer);
        if (!problems.isEmpty()) {
            // One repair call: the model sees exactly what was wrong. The prefix stays the same, so it is cached.
            ChatRequest repair = ChatRequest.builder("routed")
                    .system(chat.system())
                    .message(chat.messages().get(0))
                    .assistant(answer)
                    .user("That plan does not match the required JSON schema; the problems are in this block:\n"
                            + fence.fence("schema problems", "- " + String.join("\n- ", problems))
                            + "\nReturn the corrected plan as one JSON object, nothing else.")
                    .maxOutputTokens(request.maxOutputTokens())
                    .temperature(0.0)
                    .outputSchema(chat.outputSchema())
                    .stream(true)
                    .build();
            RoutedResponse second = run.call(STEP, request.lane(), repair, request.floorOutputTokens(), null, text,
                    cancellation, Map.of("repair", "1"));
            calls.add(second);
            answer = second.response().text();
            problems = problems(answer);
            if (!problems.isEmpty()) {
                throw new PlanException("the " + request.lane() + " lane returned no valid plan after one repair", problems);
            }
        }
        JsonNode node = Json.tryParse(SchemaDocument.stripFences(answer)).orElseThrow();
        Plan plan = PlanSchema.read(node);
        byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        String sha = Sha256.hex(json);
        Files.createDirectories(outDir);
        Path planJson = outDir.resolve("plan.json");
        Path planMd = outDir.resolve("plan.md");
        Files.write(planJson, json);
        Files.writeString(planMd, PlanMarkdown.of(plan, sha), StandardCharsets.UTF_8);
        return new Result(plan, sha, planJson, planMd, calls, contextFiles);
    }

    /** Reads a plan written by an earlier step, checking it against the schema. */
    public static Plan read(Path planJson) throws IOException {
        return parse(BoundedText.read(planJson, planJson.toString(), MAX_PLAN_BYTES), planJson.toString());
    }

    /**
     * Parses a plan read elsewhere (a Jenkins workspace file), checking it against the schema.
     *
     * @param source where the text came from, for the error message
     */
    public static Plan parse(String text, String source) {
        List<String> problems = problems(text);
        if (!problems.isEmpty()) {
            throw new PlanException(source + " is not a valid plan", problems);
        }
        return PlanSchema.read(Json.tryParse(text).orElseThrow());
    }

    static List<String> problems(String answer) {
        return PlanSchema.validateAnswer(answer);
    }

    private static String systemPrompt(PromptFence fence) {
        return """
                You are the planning lane of AI Lanes: a senior engineer who writes the precise plan a cheaper model \
                will implement and a reviewer will check. Read the task and the repository, then return ONE JSON \
                object matching the plan schema: summary; ordered steps (each with the files it touches); files to \
                create, modify or delete, each with why (the implementation may touch only these, so name every one, \
                tests included); acceptance criteria a reviewer can check; risks; and suggested gates (build, lint and \
                test commands that prove the change). Paths are relative to the repository root with forward slashes. \
                Keep the change minimal. Never plan to edit CI configuration, Jenkinsfiles, credentials or .git.
                """ + fence.rule() + "\nPlan schema:\n" + PlanSchema.forProviders().toPrettyString();
    }

    /**
     * The user message. Only fixed text stands outside the fenced blocks: the task, the map, the files and the notes
     * (files left out, withheld or skipped, named as JSON strings) are all data.
     */
    static String userPrompt(Request request, PromptFence fence, PlanContext context) {
        int budget = request.maxContextTokens() * PlanContext.CHARS_PER_TOKEN;
        StringBuilder user = new StringBuilder();
        user.append(fence.fence("task", request.task())).append("\n\n");
        user.append(fence.fence("repository map", context.repoMap())).append("\n\n");
        int left = budget - user.length();
        List<String> notes = new ArrayList<>();
        String cap = "left out: the context cap of " + request.maxContextTokens() + " tokens is reached";
        for (PlanContext.ContextFile file : context.files()) {
            String block = fence.fence("file " + file.path(), file.content()) + "\n\n";
            if (block.length() > left) {
                notes.add(PromptFence.note(file.path(), cap));
                continue;
            }
            user.append(block);
            left -= block.length();
        }
        context.leftOut().forEach(file -> notes.add(PromptFence.note(file, cap)));
        context.skipped().forEach(file -> notes.add(PromptFence.note(file.path(), file.reason())));
        user.append(fence.notes(notes));
        user.append("Return the plan as one JSON object.");
        return user.toString();
    }
}
