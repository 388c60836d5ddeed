package io.ailanes.engine.edit;

import java.util.Objects;

/**
 * One edit breaks the edit policy. Any violation rejects the whole change set.
 *
 * @param rule the rule broken
 * @param path the path as the model wrote it
 * @param reason the specific reason, naming what was found
 */
public record PolicyViolation(Rule rule, String path, String reason) implements java.io.Serializable {

    public PolicyViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    /** The edit policy's rules; docs/SECURITY-EDITS.md gives the threat each one answers. */
    public enum Rule {
        /** Empty, too long, control or format characters, backslashes, ':', encodings, lookalikes, device names. */
        INVALID_PATH,
        /** Starts with {@code /} (or {@code //}). */
        ABSOLUTE_PATH,
        /** Starts with a drive letter: {@code C:\} or {@code C:foo}. */
        DRIVE_PATH,
        /** A {@code ..} segment. */
        TRAVERSAL,
        /** A {@code .git} segment anywhere, in any case. */
        GIT_DIRECTORY,
        /** Matches a protected glob. */
        PROTECTED_PATH,
        /** A sensitive build file ({@link ProtectedFiles#SENSITIVE}) the policy does not allow. */
        SENSITIVE_PATH,
        /** Not among the files the plan names, and the step does not allow others. */
        NOT_IN_PLAN,
        /** A symbolic link on the path, as the file or as a parent directory. */
        SYMLINK,
        /** Resolves outside the workspace root. */
        OUTSIDE_WORKSPACE,
        /** The file has more than one hard link. */
        HARD_LINK,
        /** Exists but is a directory, device, pipe or socket, or a parent is not a directory. */
        NOT_A_REGULAR_FILE,
        /** A create whose file already exists. */
        ALREADY_EXISTS,
        /** A modify or delete whose file does not exist. */
        MISSING_FILE,
        /** NUL bytes or invalid UTF-8, in the new or the existing content. */
        BINARY_CONTENT,
        /** New control characters, bare carriage returns, or bidirectional-override and invisible characters. */
        HIDDEN_CHARACTERS,
        /** Two edits of one file that cannot be combined. */
        DUPLICATE_EDIT,
        /** More files than the policy allows. */
        TOO_MANY_FILES,
        /** More changed lines than the policy allows. */
        TOO_MANY_LINES,
        /** One file's new content is larger than the policy allows. */
        FILE_TOO_LARGE,
        /** All new content together is larger than the policy allows. */
        CHANGE_TOO_LARGE
    }

    @Override
    public String toString() {
        return rule + " " + path + ": " + reason;
    }
}
