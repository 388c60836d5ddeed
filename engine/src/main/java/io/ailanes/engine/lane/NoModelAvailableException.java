package io.ailanes.engine.lane;

import io.ailanes.engine.error.AiLanesException;
import java.util.List;
import java.util.stream.Collectors;

/** Every model of a lane was skipped or failed; the message lists each with its reason. */
public final class NoModelAvailableException extends AiLanesException {

    private static final long serialVersionUID = 1L;

    private final transient List<RoutingDecision> decisions;

    public NoModelAvailableException(String lane, List<RoutingDecision> decisions, Throwable lastFailure) {
        super("lane '" + lane + "': no model could take the call: " + decisions.stream()
                .filter(d -> d.verdict() != RoutingDecision.Verdict.CHOSEN)
                .map(d -> d.model() + " " + d.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + ", " + d.reason())
                .collect(Collectors.joining("; ")), lastFailure);
        this.decisions = List.copyOf(decisions);
    }

    public List<RoutingDecision> decisions() {
        return decisions;
    }

    @Override
    public Category category() {
        return Category.PROVIDER;
    }
}
