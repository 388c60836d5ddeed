package io.ailanes.engine.lane;

/**
 * One routing step, with the reason that is logged and audited, e.g.
 * {@code execution: deepseek/deepseek-v4-flash skipped, circuit open; using qwen/qwen3-coder-plus}.
 *
 * @param lane the lane being routed
 * @param model the model concerned
 * @param verdict what the router did with it
 * @param reason why, in words
 */
public record RoutingDecision(String lane, String model, Verdict verdict, String reason) {

    public enum Verdict {
        /** The model will be called. */
        CHOSEN,
        /** The model was passed over before any call (circuit open, window too small, same family, budget). */
        SKIPPED,
        /** The model was called and failed; the next one is tried. */
        FELL_BACK,
        /** The model was called and failed, and the lane has no model left to try. */
        FAILED
    }

    @Override
    public String toString() {
        return lane + ": " + model + " " + verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (reason == null || reason.isEmpty() ? "" : ", " + reason);
    }
}
