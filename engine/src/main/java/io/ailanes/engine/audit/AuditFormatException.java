package io.ailanes.engine.audit;

import io.ailanes.engine.error.AiLanesException;

/** An audit file that cannot be read or extended as it is; the message names the file and the line. */
public class AuditFormatException extends AiLanesException {

    private static final long serialVersionUID = 1L;

    private final long lineNumber;

    public AuditFormatException(String file, long lineNumber, String problem) {
        super(file + " line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** 1-based, counting every line of the file. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public Category category() {
        return Category.USAGE;
    }
}
