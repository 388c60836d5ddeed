package io.ailanes.engine.error;

/**
 * A failure AI Lanes expects and explains, as opposed to a bug: its message says what was wrong and what to do,
 * so a caller shows the message alone (no stack trace) and picks its exit code or build result by {@link #category()}.
 * The CLI and the Jenkins plugin map this one type; every engine failure meant for people extends it.
 */
public abstract class AiLanesException extends RuntimeException {

    /** What went wrong, as a caller reports it. */
    public enum Category {
        /** The configuration, a price, an argument or an input file is wrong: the user fixes it. */
        USAGE,
        /** A budget cap refused the call: raise the cap or spend less. */
        BUDGET,
        /** No model could answer as asked: the provider failed, or its answer was not usable. */
        PROVIDER
    }

    protected AiLanesException(String message) {
        super(message);
    }

    protected AiLanesException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Category category();
}
