package io.ailanes.engine.implement;

import io.ailanes.engine.edit.Workspace;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.prompt.PromptFence;
import java.io.IOException;
import java.util.List;

/** The implement step's real user messages, for tests outside this package. */
public final class ImplementPrompts {

    private ImplementPrompts() {
    }

    /** The first ask (prefix included), a fix-round ask and an edit retry. */
    public static List<String> user(PromptFence fence, Plan plan, String planSha256, Workspace workspace, String gate,
            List<String> editProblems) throws IOException {
        ImplementPrompt prompt = new ImplementPrompt(fence, Implementer.Request.of(plan, planSha256, List.of()));
        return List.of(prompt.prefix(workspace) + "\n\n" + prompt.firstAsk(), prompt.fixAsk(2, gate),
                prompt.retryAsk(editProblems));
    }
}
