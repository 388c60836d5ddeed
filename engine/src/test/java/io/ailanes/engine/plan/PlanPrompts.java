package io.ailanes.engine.plan;

import io.ailanes.engine.prompt.PromptFence;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The plan step's real user message, for tests outside this package. */
public final class PlanPrompts {

    private PlanPrompts() {
    }

    public static String user(PromptFence fence, String task, Path workspace, List<String> globs, int maxContextTokens)
            throws IOException {
        Planner.Request request = new Planner.Request(task, workspace, globs, maxContextTokens, null, 1_000, 100);
        return Planner.userPrompt(request, fence, PlanContext.collect(workspace, globs, task, maxContextTokens));
    }
}
