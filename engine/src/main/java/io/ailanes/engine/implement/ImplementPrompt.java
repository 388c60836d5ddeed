package io.ailanes.engine.implement;

import io.ailanes.engine.edit.EditFormat;
import io.ailanes.engine.edit.Workspace;
import io.ailanes.engine.gate.GateFeedback;
import io.ailanes.engine.gate.GateResult;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.prompt.PromptFence;
import io.ailanes.engine.prompt.SecretFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The implement conversation's text. The system prompt and the first user message (plan, then files) are the
 * stable prefix; everything that changes from round to round (round number, feedback) comes after them.
 */
final class ImplementPrompt {

    /** A conservative characters-per-token figure for sizing the files: code tokenizes densely. */
    private static final int CHARS_PER_TOKEN = 3;

    private final PromptFence fence;
    private final Implementer.Request request;

    ImplementPrompt(PromptFence fence, Implementer.Request request) {
        this.fence = fence;
        this.request = request;
    }

    String system() {
        return """
                You are the execution lane of AI Lanes: a careful engineer who implements a plan exactly. Change only \
                the files the plan names. Never edit CI configuration, Jenkinsfiles, credentials, keys or .git, never \
                add network downloads, and never print environment variables or secrets. Deterministic gates \
                (build, lint, tests) judge your change; if they fail you get their output and another round.
                Answer with edit blocks only, no explanations.
                """ + formatRules() + fence.rule();
    }

    /**
     * The plan and the files it names as they are before the step: identical in every round. Only fixed text stands
     * outside the fenced blocks; files that are missing, unreadable, withheld ({@link SecretFiles}) or left out are
     * named in the fenced notes block.
     */
    String prefix(Workspace workspace) throws IOException {
        Plan plan = request.plan();
        StringBuilder text = new StringBuilder();
        text.append(fence.fence("plan (sha256 " + request.planSha256() + ")",
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan))).append("\n\n");
        int left = request.maxContextTokens() * CHARS_PER_TOKEN - text.length();
        List<String> notes = new ArrayList<>();
        for (Plan.FileChange file : plan.files()) {
            Optional<String> secret = SecretFiles.byName(file.path());
            if (secret.isPresent()) {
                notes.add(PromptFence.note(file.path(), secret.get() + "; its content is not shown"));
                continue;
            }
            Optional<String> content;
            try {
                content = workspace.readFile(file.path());
            } catch (IOException e) {
                notes.add(PromptFence.note(file.path(), "cannot be read: " + PromptFence.json(String.valueOf(e.getMessage()))));
                continue;
            }
            if (content.isEmpty()) {
                notes.add(PromptFence.note(file.path(), "does not exist yet"));
                continue;
            }
            secret = SecretFiles.byContent(content.get());
            if (secret.isPresent()) {
                notes.add(PromptFence.note(file.path(), secret.get() + "; its content is not shown"));
                continue;
            }
            String block = fence.fence("file " + file.path(), content.get()) + "\n\n";
            if (block.length() > left) {
                notes.add(PromptFence.note(file.path(), "left out: the context cap of " + request.maxContextTokens()
                        + " tokens is reached; quote it only in small SEARCH blocks"));
                continue;
            }
            text.append(block);
            left -= block.length();
        }
        text.append(fence.notes(notes));
        return text.toString().strip();
    }

    String firstAsk() {
        return "Round 1: implement the plan. Return the edit blocks for the whole change.";
    }

    String fixAsk(int round, String feedback) {
        return "Round " + round + ": your last change set is in place (unless it was rejected), but the check below"
                + " failed. Return edit blocks that fix it, written against the files as they are now.\n\n"
                + fence.fence("gate output, round " + (round - 1), feedback);
    }

    /** What the next round is told about failed gates: their output, bounded to the request's feedback tokens. */
    String gateFeedback(List<GateResult> results) {
        return GateFeedback.of(results, request.feedbackTokens());
    }

    /** What the next round is told when the edit policy rejected the change set. */
    String rejectedFeedback(List<String> problems) {
        return "Your change set was REJECTED as a whole and nothing was written, because it breaks the edit policy:\n- "
                + String.join("\n- ", problems) + "\nChange only the files the plan names, and none of the protected"
                + " paths.";
    }

    /** What the next round is told when the edits still did not apply after the retry. */
    String invalidFeedback(List<String> problems) {
        return "Your edits could not be applied and nothing was written:\n- " + String.join("\n- ", problems);
    }

    /** The retry after edits that could not be applied: the problems (they quote model output) are fenced. */
    String retryAsk(List<String> problems) {
        return "Your edits could not be applied; nothing was written. The problems are in this block:\n"
                + fence.fence("edit problems", "- " + String.join("\n- ", problems))
                + "\nReturn the corrected edit blocks for the whole change"
                + " (SEARCH text must be copied exactly from the current file and occur exactly once).";
    }

    private String formatRules() {
        EditFormat format = request.format();
        return switch (format) {
            case SEARCH_REPLACE -> """
                    Edit format: for each change, a line with the file's path relative to the repository root, then
                    <<<<<<< SEARCH
                    exact lines copied from the current file (they must occur exactly once)
                    =======
                    the lines that replace them
                    >>>>>>> REPLACE
                    An empty SEARCH section creates a new file. To delete a file: its path line, then <<<<<<< DELETE.
                    """;
            case UNIFIED_DIFF -> """
                    Edit format: one unified diff (--- a/path, +++ b/path, @@ hunks with correct line counts). \
                    --- /dev/null creates a file, +++ /dev/null deletes one. Context and removed lines must match \
                    the current file exactly.
                    """;
            case WHOLE_FILE -> """
                    Edit format: for each file, a line with its path relative to the repository root, then the \
                    file's complete new content in one fenced block (```). To delete a file: its path line, then \
                    <<<<<<< DELETE.
                    """;
        };
    }
}
