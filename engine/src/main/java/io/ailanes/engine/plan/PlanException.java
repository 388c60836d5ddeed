package io.ailanes.engine.plan;

import java.util.List;

/** The reasoning lane did not produce a valid plan, even after one repair call. */
public final class PlanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PlanException(String message, List<String> problems) {
        super(message + (problems.isEmpty() ? "" : ":\n  - " + String.join("\n  - ", problems)));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
