package io.ailanes.engine.edit;

/**
 * A change set that was not applied; the workspace is unchanged. The message lists every problem, one per
 * line, in words meant to be sent back to the model.
 */
public abstract sealed class EditException extends Exception permits EditParseException, EditRejectedException {

    private static final long serialVersionUID = 1L;

    protected EditException(String message) {
        super(message);
    }
}
