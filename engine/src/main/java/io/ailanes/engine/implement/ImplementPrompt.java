package io.ailanes.engine.implement;

import io.ailanes.engine.edit.EditFormat;
import io.ailanes.engine.edit.Workspace;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.prompt.PromptFence;
import java.io.IOException;
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

    /** The plan and the files it names as they are before the step: identical in every round. */
    String prefix(Workspace workspace) throws IOException {
        Plan plan = request.plan();
        StringBuilder text = new StringBuilder();
        text.append(fence.fence("plan (sha256 " + request.planSha256() + ")",
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan))).append("\n\n");
        int left = request.maxContextTokens() * CHARS_PER_TOKEN - text.length();
        for (Plan.FileChange file : plan.files()) {
            Optional<String> content;
            try {
                content = workspace.readFile(file.path());
            } catch (IOException e) {
                text.append("(file ").append(file.path()).append(" cannot be read: ").append(e.getMessage()).append(")\n");
                continue;
            }
            if (content.isEmpty()) {
                text.append("(file ").append(file.path()).append(" does not exist yet)\n");
                continue;
            }
            String block = fence.fence("file " + file.path(), content.get()) + "\n\n";
            if (block.length() > left) {
                text.append("(file ").append(file.path()).append(" left out: the context cap of ")
                        .append(request.maxContextTokens()).append(" tokens is reached; quote it only in small SEARCH blocks)\n");
                continue;
            }
            text.append(block);
            left -= block.length();
        }
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
