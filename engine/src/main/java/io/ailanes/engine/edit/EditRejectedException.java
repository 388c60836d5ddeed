package io.ailanes.engine.edit;

import java.util.List;
import java.util.stream.Collectors;

/** The change set breaks the edit policy; nothing was written. Lists every violation found. */
public final class EditRejectedException extends EditException {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyViolation> violations;

    public EditRejectedException(List<PolicyViolation> violations) {
        super(render(violations));
        this.violations = List.copyOf(violations);
    }

    public List<PolicyViolation> violations() {
        return violations;
    }

    /** True when some violation broke {@code rule}. */
    public boolean hasRule(PolicyViolation.Rule rule) {
        return violations.stream().anyMatch(v -> v.rule() == rule);
    }

    private static String render(List<PolicyViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("no violations");
        }
        return "The change set was rejected by the edit policy; nothing was written:\n"
                + violations.stream().map(v -> "- " + v).collect(Collectors.joining("\n"));
    }
}
