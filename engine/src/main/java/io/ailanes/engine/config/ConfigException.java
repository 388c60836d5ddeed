package io.ailanes.engine.config;

import io.ailanes.engine.error.AiLanesException;
import java.util.List;

/** Every problem found in a configuration, each with its path, so all can be fixed in one go. */
public final class ConfigException extends AiLanesException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(source + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  - "
                + String.join("\n  - ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The same problems, each reworded (a host naming a setting the way its user wrote it). */
    public ConfigException reworded(java.util.function.UnaryOperator<String> wording) {
        return new ConfigException(source, problems.stream().map(wording).toList());
    }

    public List<String> problems() {
        return problems;
    }

    @Override
    public Category category() {
        return Category.USAGE;
    }
}
