package io.ailanes.engine.edit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an execution-lane change set may do. Checked as a whole against the real workspace by
 * {@link Workspace#apply}; one violation rejects the change set. {@code .git} segments, symbolic links,
 * hard links, traversal and absolute paths are always refused and cannot be configured away.
 *
 * @param protectedGlobs paths that can never be edited, matched case-insensitively (see {@link Glob})
 * @param allowedPaths the files the plan names: exact normalised paths, or globs
 * @param allowOtherFiles whether the step may touch files the plan does not name
 * @param maxFiles most files one change set may touch
 * @param maxChangedLines most added plus removed lines, over all files
 * @param maxBytesPerFile largest new (or existing, when read) file, in bytes
 * @param maxTotalBytes largest sum of all new file contents, in bytes
 * @param textOnly refuse NUL bytes, invalid UTF-8, and new control or invisible characters
 * @param sensitiveAllowed globs of the sensitive build files ({@link ProtectedFiles#SENSITIVE}) a change may touch;
 *     every other sensitive file is refused, and every change to an allowed one is audited
 */
public record EditPolicy(List<String> protectedGlobs, Set<String> allowedPaths, boolean allowOtherFiles,
        int maxFiles, long maxChangedLines, long maxBytesPerFile, long maxTotalBytes, boolean textOnly,
        List<String> sensitiveAllowed) implements java.io.Serializable {

    /** The default protected globs: CI definitions, ownership, build-tool wrappers, repository metadata, secrets. */
    public static final List<String> DEFAULT_PROTECTED = ProtectedFiles.DEFAULT_PROTECTED;

    public static final int DEFAULT_MAX_FILES = 50;

    /**
     * The workspace-relative path {@code raw} names under the rules every edit path passes (no scheme, drive,
     * absolute path, traversal, control or lookalike characters), normalised; empty when it breaks one. For outputs
     * that name files a model wrote down (SARIF locations), so a tool reading them never follows something else.
     */
    public static java.util.Optional<String> workspacePath(String raw) {
        PathRules.Checked checked = PathRules.check(raw);
        return checked.ok() ? java.util.Optional.of(checked.path()) : java.util.Optional.empty();
    }

    public static final long DEFAULT_MAX_CHANGED_LINES = 5_000;
    public static final long DEFAULT_MAX_BYTES_PER_FILE = 1024 * 1024;
    public static final long DEFAULT_MAX_TOTAL_BYTES = 8L * 1024 * 1024;

    public EditPolicy {
        protectedGlobs = List.copyOf(protectedGlobs);
        protectedGlobs.forEach(Glob::new); // fail fast on an empty pattern
        sensitiveAllowed = sensitiveAllowed == null ? List.of() : List.copyOf(sensitiveAllowed);
        sensitiveAllowed.forEach(Glob::new);
        Set<String> normalised = new LinkedHashSet<>();
        for (String p : allowedPaths) {
            normalised.add(normaliseAllowed(p));
        }
        allowedPaths = Set.copyOf(normalised);
        positive(maxFiles, "maxFiles");
        positive(maxChangedLines, "maxChangedLines");
        positive(maxBytesPerFile, "maxBytesPerFile");
        positive(maxTotalBytes, "maxTotalBytes");
    }

    /**
     * Default protection and limits; only the plan's files may be touched. The plan is model output, so its
     * paths are taken literally: a pattern such as {@code **} would let a steered planner open every file, and
     * paths the path rules refuse ({@code ..}, absolute, {@code .git}, ...) could never be edited. Both are left
     * out here rather than failing the step; {@link #neverEditable} says why, for the audit. Patterns the step
     * itself allows go through {@link #allowing}.
     */
    public static EditPolicy forPlan(Collection<String> plannedFiles) {
        Set<String> usable = new LinkedHashSet<>();
        for (String p : plannedFiles) {
            if (p != null && !Glob.isGlob(p) && PathRules.check(p).ok()) {
                usable.add(p);
            }
        }
        return new EditPolicy(DEFAULT_PROTECTED, usable, false, DEFAULT_MAX_FILES,
                DEFAULT_MAX_CHANGED_LINES, DEFAULT_MAX_BYTES_PER_FILE, DEFAULT_MAX_TOTAL_BYTES, true, List.of());
    }

    /** This policy, also allowing {@code paths} (exact paths or globs); an unusable path is an error here. */
    public EditPolicy allowing(Collection<String> paths) {
        Set<String> all = new LinkedHashSet<>(allowedPaths);
        all.addAll(paths);
        return new EditPolicy(protectedGlobs, all, allowOtherFiles, maxFiles, maxChangedLines, maxBytesPerFile,
                maxTotalBytes, textOnly, sensitiveAllowed);
    }

    /**
     * Why a plan naming {@code path} gives no change the right to touch it (a pattern, the path rules or
     * protection), or empty.
     */
    public Optional<String> neverEditable(String path) {
        if (Glob.isGlob(path)) {
            return Optional.of("a plan names files, not patterns; a step may allow patterns (allowPaths)");
        }
        PathRules.Checked c = PathRules.check(path);
        if (!c.ok()) {
            return Optional.of(c.violation().reason() + " [" + c.violation().rule() + "]");
        }
        String glob = protectedBy(c.path());
        if (glob != null) {
            return Optional.of("the path matches the protected pattern '" + glob + "' [" + PolicyViolation.Rule.PROTECTED_PATH + "]");
        }
        String sensitive = sensitiveRefused(c.path());
        return sensitive == null ? Optional.empty() : Optional.of(sensitiveReason(sensitive) + " [" + PolicyViolation.Rule.SENSITIVE_PATH + "]");
    }

    /** This policy, letting changes touch the sensitive build files these globs match (each change audited). */
    public EditPolicy withSensitiveAllowed(List<String> globs) {
        return new EditPolicy(protectedGlobs, allowedPaths, allowOtherFiles, maxFiles, maxChangedLines, maxBytesPerFile,
                maxTotalBytes, textOnly, globs);
    }

    /** The sensitive pattern a normalised path matches, when the policy does not allow changing it; else null. */
    String sensitiveRefused(String path) {
        String sensitive = ProtectedFiles.sensitivePattern(path);
        return sensitive == null || ProtectedFiles.firstMatch(sensitiveAllowed, path) != null ? null : sensitive;
    }

    static String sensitiveReason(String pattern) {
        return "a build file (sensitive: '" + pattern + "') may change only where the admin's policy allows it"
                + " (policy.allowSensitive)";
    }

    /** Default protection and limits, any unprotected file: for steps that allow more than the plan names. */
    public static EditPolicy anyFile() {
        return forPlan(Set.of()).withAllowOtherFiles(true);
    }

    public EditPolicy withProtectedGlobs(List<String> globs) {
        return new EditPolicy(globs, allowedPaths, allowOtherFiles, maxFiles, maxChangedLines, maxBytesPerFile,
                maxTotalBytes, textOnly, sensitiveAllowed);
    }

    public EditPolicy withAllowOtherFiles(boolean allow) {
        return new EditPolicy(protectedGlobs, allowedPaths, allow, maxFiles, maxChangedLines, maxBytesPerFile,
                maxTotalBytes, textOnly, sensitiveAllowed);
    }

    public EditPolicy withLimits(int files, long changedLines, long bytesPerFile, long totalBytes) {
        return new EditPolicy(protectedGlobs, allowedPaths, allowOtherFiles, files, changedLines, bytesPerFile,
                totalBytes, textOnly, sensitiveAllowed);
    }

    public EditPolicy withTextOnly(boolean text) {
        return new EditPolicy(protectedGlobs, allowedPaths, allowOtherFiles, maxFiles, maxChangedLines,
                maxBytesPerFile, maxTotalBytes, text, sensitiveAllowed);
    }

    /** The first protected glob matching a normalised path, or {@code null}. */
    String protectedBy(String path) {
        return ProtectedFiles.firstMatch(protectedGlobs, path);
    }

    /** Whether the plan (or the step's allowance) covers a normalised path. */
    boolean allows(String path) {
        if (allowOtherFiles || allowedPaths.contains(path)) {
            return true;
        }
        for (String p : allowedPaths) {
            if (Glob.isGlob(p) && Glob.of(p).matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static String normaliseAllowed(String p) {
        Objects.requireNonNull(p, "allowed path");
        if (Glob.isGlob(p)) {
            return p;
        }
        PathRules.Checked c = PathRules.check(p);
        if (!c.ok()) {
            throw new IllegalArgumentException("allowed path " + c.violation());
        }
        return c.path();
    }

    private static void positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }
}
