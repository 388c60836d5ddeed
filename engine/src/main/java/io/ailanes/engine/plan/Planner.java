package io.ailanes.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.Sha256;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

        public Request {
            if (task == null || task.isBlank()) {
                throw new IllegalArgumentException("a plan needs a task: pass the task text or a file that holds it");
            }
            contextGlobs = contextGlobs == null ? List.of() : List.copyOf(contextGlobs);
            lane = lane == null ? Lane.REASONING : lane;
        }
    }

    /** The plan, where it was written and what it cost. */
    public record Result(Plan plan, String sha256, Path planJson, Path planMd, List<RoutedResponse> calls, List<String> contextFiles) {}

    static final String STEP = "plan";
    private static final Pattern PATH_IN_TEXT = Pattern.compile("[A-Za-z0-9_.\\-/]+\\.[A-Za-z0-9]{1,8}");
    /** A conservative characters-per-token figure for sizing context: code tokenizes densely. */
    private static final int CHARS_PER_TOKEN = 3;

    private final AiRun run;
    private final Redactor redactor;

    public Planner(AiRun run, Redactor redactor) {
        this.run = run;
        this.redactor = redactor;
    }

    public Result plan(Request request, Path outDir, CallListener text, Cancellation cancellation) throws IOException {
        PromptFence fence = new PromptFence(redactor);
        List<String> contextFiles = selectFiles(request);
        String user = userPrompt(request, fence, contextFiles);
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
                    .user("That plan does not match the required JSON schema:\n- " + String.join("\n- ", problems)
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
        String text = Files.readString(planJson);
        List<String> problems = problems(text);
        if (!problems.isEmpty()) {
            throw new PlanException(planJson + " is not a valid plan", problems);
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

    private String userPrompt(Request request, PromptFence fence, List<String> files) throws IOException {
        int budget = request.maxContextTokens() * CHARS_PER_TOKEN;
        StringBuilder user = new StringBuilder();
        user.append(fence.fence("task", request.task())).append("\n\n");
        String map = RepoMap.of(request.workspace(), Math.max(1_000, budget / 4));
        user.append(fence.fence("repository map", map)).append("\n\n");
        int left = budget - user.length();
        for (String file : files) {
            String content = Files.readString(request.workspace().resolve(file), StandardCharsets.UTF_8);
            String block = fence.fence("file " + file, content) + "\n\n";
            if (block.length() > left) {
                user.append("(file ").append(file).append(" left out: the context cap of ")
                        .append(request.maxContextTokens()).append(" tokens is reached)\n");
                continue;
            }
            user.append(block);
            left -= block.length();
        }
        user.append("Return the plan as one JSON object.");
        return user.toString();
    }

    /** Files matching the context globs, then files the task names that exist, text only. */
    List<String> selectFiles(Request request) throws IOException {
        Path root = request.workspace();
        Set<String> selected = new LinkedHashSet<>();
        List<Path> all = RepoMap.files(root);
        for (String glob : request.contextGlobs()) {
            io.ailanes.engine.edit.Glob matcher = new io.ailanes.engine.edit.Glob(glob);
            for (Path file : all) {
                if (matcher.matches(root.relativize(file).toString().replace('\\', '/'))) {
                    selected.add(root.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        Matcher named = PATH_IN_TEXT.matcher(request.task());
        while (named.find()) {
            String candidate = named.group();
            for (Path file : all) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.equals(candidate) || relative.endsWith("/" + candidate)) {
                    selected.add(relative);
                }
            }
        }
        List<String> text = new ArrayList<>();
        for (String file : selected) {
            byte[] bytes = Files.readAllBytes(root.resolve(file));
            if (isText(bytes)) {
                text.add(file);
            }
        }
        return text;
    }

    private static boolean isText(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
