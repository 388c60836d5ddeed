package io.ailanes.engine.plan;

import io.ailanes.engine.error.AiLanesException;
import java.util.List;

/** The reasoning lane did not produce a valid plan, even after one repair call. */
public final class PlanException extends AiLanesException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PlanException(String message, List<String> problems) {
        super(message + (problems.isEmpty() ? "" : ":\n  - " + String.join("\n  - ", problems)));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    @Override
    public Category category() {
        return Category.PROVIDER;
    }
}
