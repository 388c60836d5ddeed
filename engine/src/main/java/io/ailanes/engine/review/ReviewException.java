package io.ailanes.engine.review;

import io.ailanes.engine.error.AiLanesException;
import java.util.List;

/** The review lane did not produce a valid review, even after one repair call. */
public final class ReviewException extends AiLanesException {

    private static final long serialVersionUID = 1L;

    public ReviewException(String message, List<String> problems) {
        super(message + ":\n  - " + String.join("\n  - ", problems));
    }

    @Override
    public Category category() {
        return Category.PROVIDER;
    }
}
