package io.ailanes.engine.lane;

import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A call to route through a lane.
 *
 * @param callId identifies the call in the audit (its retries and fallbacks share it)
 * @param step the step making it (e.g. {@code plan}, {@code implement#2}), for the audit
 * @param lane the lane's name
 * @param request the request; its model is replaced by each candidate's, its output cap may be lowered
 * @param floorOutputTokens the fewest output tokens the step can use: below this the call is refused
 * @param avoidFamily a model family to pass over unless the lane allows it (reviewer diversity), or null
 * @param budgetChain the budget scopes the call must fit, innermost first
 * @param text receives streamed text
 * @param cancellation stops the call
 * @param attributes extra audit fields (e.g. {@code round})
 */
public record CallSpec(
        String callId,
        String step,
        String lane,
        ChatRequest request,
        long floorOutputTokens,
        String avoidFamily,
        List<ScopeId> budgetChain,
        CallListener text,
        Cancellation cancellation,
        Map<String, String> attributes) {

    public CallSpec {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(step, "step");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(request, "request");
        budgetChain = List.copyOf(budgetChain);
        text = text == null ? CallListener.NONE : text;
        cancellation = cancellation == null ? Cancellation.none() : cancellation;
        if (floorOutputTokens < 1 || floorOutputTokens > request.maxOutputTokens()) {
            floorOutputTokens = Math.min(Math.max(1, floorOutputTokens), request.maxOutputTokens());
        }
    }
}
