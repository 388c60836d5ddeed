package io.ailanes.engine.review;

import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.prompt.PromptFence;
import java.io.IOException;

/** The review step's real user message, for tests outside this package. */
public final class ReviewPrompts {

    private ReviewPrompts() {
    }

    public static String user(PromptFence fence, Plan plan, String planSha256, String diff) throws IOException {
        return Reviewer.userPrompt(new Reviewer.Request(plan, planSha256, diff, null, null, null, 1_000, 100), fence, diff);
    }
}
