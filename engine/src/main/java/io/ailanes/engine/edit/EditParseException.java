package io.ailanes.engine.edit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The model's edits could not be read or do not fit the files: malformed blocks, or search text that is
 * missing, ambiguous or overlapping. Sent back to the model for one retry; nothing was guessed or applied.
 */
public final class EditParseException extends EditException {

    private static final long serialVersionUID = 1L;

    private final transient List<EditProblem> problems;

    public EditParseException(List<EditProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public EditParseException(EditProblem problem) {
        this(List.of(problem));
    }

    public List<EditProblem> problems() {
        return problems;
    }

    private static String render(List<EditProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        return "The edits could not be applied; fix these and send all edits again:\n"
                + problems.stream().map(p -> "- " + p).collect(Collectors.joining("\n"));
    }
}
