package io.ailanes.engine.edit;

import io.ailanes.engine.edit.HunkMatcher.BlockHunk;
import io.ailanes.engine.edit.PolicyViolation.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A workspace on a local (or agent-local) file system, given only its root {@link Path}.
 *
 * <p>{@link #apply} works in three phases and writes nothing until the first two pass for every edit:
 * <ol>
 * <li>Path and policy: the lexical path rules, protected globs, the plan's files, duplicate edits and the
 * file count.</li>
 * <li>File system and content: each path is walked on disk without following links; existing files are read
 * and must be UTF-8 text; hunks are matched exactly once; new content is checked for binary and hidden
 * characters; sizes and changed lines are counted.</li>
 * <li>Write: {@link Transaction} stages temporaries and renames them into place, rolling everything back
 * on any failure.</li>
 * </ol>
 * Policy violations are reported together as {@link EditRejectedException}; if there are none, edits that do
 * not fit the files are reported together as {@link EditParseException}.
 */
public final class LocalWorkspace implements Workspace {

    private final Path root;
    private final Transaction.FaultHook faults;

    public LocalWorkspace(Path root) throws IOException {
        this(root, Transaction.FaultHook.NONE);
    }

    LocalWorkspace(Path root, Transaction.FaultHook faults) throws IOException {
        Path real = Objects.requireNonNull(root, "root").toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException("workspace root is not a directory: " + root);
        }
        this.root = real;
        this.faults = faults;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        PathRules.Checked checked = PathRules.check(path);
        if (!checked.ok()) {
            throw new AccessDeniedException(path, null, checked.violation().reason());
        }
        FsGuard.Inspected in = FsGuard.inspect(root, checked.path(), path);
        if (in.violation() != null) {
            throw new AccessDeniedException(path, null, in.violation().reason());
        }
        if (!in.target().exists()) {
            return Optional.empty();
        }
        String text = TextRules.decode(Files.readAllBytes(in.target().file()));
        if (text == null) {
            throw new AccessDeniedException(path, null, "not a UTF-8 text file");
        }
        return Optional.of(text);
    }

    @Override
    public List<String> listFiles() throws IOException {
        List<String> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path name = dir.getFileName();
                return name != null && name.toString().equalsIgnoreCase(".git")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(slashes(root.relativize(file)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.naturalOrder());
        return files;
    }

    /** One file's edits after phase 1: a single edit, or several hunk edits merged in response order. */
    private record Planned(String path, String raw, FileEdit edit, List<BlockHunk> hunks) {
    }

    /** One file after phase 2. */
    private record Resolved(String path, EditKind kind, Path file, boolean existed, String oldText, String newText,
            byte[] newBytes) {
    }

    @Override
    public FileSnapshot snapshot(Collection<String> paths) throws IOException {
        Map<String, Optional<byte[]>> files = new LinkedHashMap<>();
        for (String raw : paths) {
            PathRules.Checked checked = PathRules.check(raw);
            if (!checked.ok()) {
                continue;
            }
            FsGuard.Inspected in = FsGuard.inspect(root, checked.path(), raw);
            if (in.violation() != null) {
                continue;
            }
            files.put(checked.path(), in.target().exists()
                    ? Optional.of(Files.readAllBytes(in.target().file())) : Optional.empty());
        }
        return new FileSnapshot(files);
    }

    @Override
    public void restore(FileSnapshot snapshot) throws IOException {
        List<Transaction.Step> steps = new ArrayList<>();
        for (Map.Entry<String, Optional<byte[]>> e : snapshot.files().entrySet()) {
            FsGuard.Inspected in = FsGuard.inspect(root, e.getKey(), e.getKey());
            if (in.violation() != null) {
                throw new AccessDeniedException(e.getKey(), null, "cannot restore: " + in.violation().reason());
            }
            boolean exists = in.target().exists();
            byte[] wanted = e.getValue().orElse(null);
            if (!exists && wanted == null
                    || exists && wanted != null && java.util.Arrays.equals(wanted, Files.readAllBytes(in.target().file()))) {
                continue;
            }
            steps.add(new Transaction.Step(in.target().file(), wanted, exists));
        }
        new Transaction(faults).run(steps);
    }

    @Override
    public AppliedChanges apply(ChangeSet changes, EditPolicy policy) throws EditException, IOException {
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(policy, "policy");
        List<PolicyViolation> violations = new ArrayList<>();
        List<EditProblem> problems = new ArrayList<>();

        List<Planned> planned = plan(changes, policy, violations);
        fileAndDirectoryClashes(planned, problems);
        if (planned.size() > policy.maxFiles()) {
            violations.add(new PolicyViolation(Rule.TOO_MANY_FILES, "(change set)", "the change set touches "
                    + planned.size() + " files; at most " + policy.maxFiles() + " are allowed"));
        }
        String noun = changes.format() == EditFormat.UNIFIED_DIFF ? "the hunk's context and removed lines" : "SEARCH text";
        List<Resolved> resolved = new ArrayList<>();
        long totalBytes = 0;
        for (Planned p : planned) {
            Resolved r = resolve(p, policy, noun, violations, problems);
            if (r != null && !Objects.equals(r.oldText(), r.newText())) {
                resolved.add(r);
                totalBytes += r.newBytes() == null ? 0 : r.newBytes().length;
            }
        }
        if (totalBytes > policy.maxTotalBytes()) {
            violations.add(new PolicyViolation(Rule.CHANGE_TOO_LARGE, "(change set)", "the new content totals "
                    + totalBytes + " bytes; at most " + policy.maxTotalBytes() + " are allowed"));
        }
        if (!violations.isEmpty()) {
            throw new EditRejectedException(violations);
        }
        if (!problems.isEmpty()) {
            throw new EditParseException(problems);
        }

        resolved.sort(Comparator.comparing(Resolved::path));
        StringBuilder patch = new StringBuilder();
        List<AppliedFile> applied = new ArrayList<>();
        long changedLines = 0;
        for (Resolved r : resolved) {
            PatchWriter.FileDiff d = PatchWriter.diff(r.path(), r.existed() ? r.oldText() : null, r.newText());
            patch.append(d.text());
            changedLines += d.added() + d.removed();
            applied.add(new AppliedFile(r.path(), r.kind(), d.added(), d.removed(),
                    r.newBytes() == null ? 0 : r.newBytes().length));
        }
        if (changedLines > policy.maxChangedLines()) {
            throw new EditRejectedException(List.of(new PolicyViolation(Rule.TOO_MANY_LINES, "(change set)",
                    "the change set adds and removes " + changedLines + " lines; at most "
                    + policy.maxChangedLines() + " are allowed")));
        }

        List<Transaction.Step> steps = resolved.stream()
                .map(r -> new Transaction.Step(r.file(), r.newBytes(), r.existed()))
                .collect(Collectors.toList());
        new Transaction(faults).run(steps);
        return new AppliedChanges(applied, patch.toString());
    }

    /** A change set cannot write both {@code x} and {@code x/y}: one would have to be a file and a directory. */
    private static void fileAndDirectoryClashes(List<Planned> planned, List<EditProblem> problems) {
        java.util.TreeMap<String, Planned> byKey = new java.util.TreeMap<>();
        planned.forEach(p -> byKey.put(p.path().toLowerCase(Locale.ROOT), p));
        for (Map.Entry<String, Planned> e : byKey.entrySet()) {
            // Every path below x sorts right after x + "/", so one look at the next key after that prefix suffices.
            String below = byKey.ceilingKey(e.getKey() + "/");
            if (below != null && below.startsWith(e.getKey() + "/")) {
                Planned child = byKey.get(below);
                problems.add(new EditProblem(child.edit() != null ? child.edit().block() : 0, child.path(),
                        "this change set also writes " + e.getValue().path() + ", which would have to be both a file"
                                + " and this file's directory; write only one of them"));
            }
        }
    }

    /** Phase 1: path rules, protection, plan membership and duplicates; no file-system access. */
    private static List<Planned> plan(ChangeSet changes, EditPolicy policy, List<PolicyViolation> violations) {
        Map<String, List<FileEdit>> byFile = new LinkedHashMap<>();
        Map<String, String> normalised = new LinkedHashMap<>();
        for (FileEdit e : changes.edits()) {
            PathRules.Checked c = PathRules.check(e.path());
            if (!c.ok()) {
                violations.add(c.violation());
                continue;
            }
            String path = c.path();
            String glob = policy.protectedBy(path);
            if (glob != null) {
                violations.add(new PolicyViolation(Rule.PROTECTED_PATH, e.path(), "the path matches the protected pattern '"
                        + glob + "' and can never be edited by the execution lane"));
                continue;
            }
            String sensitive = policy.sensitiveRefused(path);
            if (sensitive != null) {
                violations.add(new PolicyViolation(Rule.SENSITIVE_PATH, e.path(), EditPolicy.sensitiveReason(sensitive)));
                continue;
            }
            if (!policy.allows(path)) {
                violations.add(new PolicyViolation(Rule.NOT_IN_PLAN, e.path(), "the plan does not name this file"
                        + " and this step may only change the plan's files"));
                continue;
            }
            // Case-insensitive key: on Windows and macOS agents "A.java" and "a.java" are one file.
            String key = path.toLowerCase(Locale.ROOT);
            byFile.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            normalised.putIfAbsent(key, path);
        }
        List<Planned> planned = new ArrayList<>();
        for (Map.Entry<String, List<FileEdit>> entry : byFile.entrySet()) {
            List<FileEdit> edits = entry.getValue();
            String path = normalised.get(entry.getKey());
            FileEdit first = edits.get(0);
            if (edits.size() == 1) {
                planned.add(new Planned(path, first.path(), first, blockHunks(first)));
                continue;
            }
            boolean allHunks = edits.stream().allMatch(e -> e.kind() == EditKind.MODIFY && !e.hunks().isEmpty());
            boolean sameSpelling = edits.stream().allMatch(e -> PathRules.check(e.path()).path().equals(path));
            if (allHunks && sameSpelling) {
                List<BlockHunk> hunks = new ArrayList<>();
                edits.forEach(e -> hunks.addAll(blockHunks(e)));
                planned.add(new Planned(path, first.path(), first, hunks));
            } else {
                String blocks = edits.stream().map(e -> String.valueOf(e.block())).collect(Collectors.joining(", "));
                violations.add(new PolicyViolation(Rule.DUPLICATE_EDIT, first.path(), (sameSpelling
                        ? "the file is edited by blocks " + blocks + " in ways that cannot be combined (create, delete or whole-file together with other edits)"
                        : "blocks " + blocks + " name the same file with different letter case")
                        + "; send one edit per file, or only SEARCH/REPLACE blocks for it"));
            }
        }
        return planned;
    }

    private static List<BlockHunk> blockHunks(FileEdit e) {
        return e.hunks().stream().map(h -> new BlockHunk(e.block(), h)).collect(Collectors.toList());
    }

    /** Phase 2 for one file; {@code null} after recording a violation or problem. */
    private Resolved resolve(Planned p, EditPolicy policy, String noun, List<PolicyViolation> violations,
            List<EditProblem> problems) throws IOException {
        FileEdit e = p.edit();
        FsGuard.Inspected in = FsGuard.inspect(root, p.path(), p.raw());
        if (in.violation() != null) {
            violations.add(in.violation());
            return null;
        }
        FsGuard.Target t = in.target();
        String real = FsGuard.realRelative(root, t.file());
        if (real == null) {
            violations.add(new PolicyViolation(Rule.OUTSIDE_WORKSPACE, p.raw(), "the path resolves outside the workspace"));
            return null;
        }
        String glob = policy.protectedBy(real);
        if (glob != null || PathRules.check(real).violation() != null) {
            violations.add(new PolicyViolation(Rule.PROTECTED_PATH, p.raw(), "on disk the path is '" + real
                    + "', which is protected" + (glob == null ? "" : " by '" + glob + "'")));
            return null;
        }
        String sensitive = policy.sensitiveRefused(real);
        if (sensitive != null) {
            violations.add(new PolicyViolation(Rule.SENSITIVE_PATH, p.raw(), "on disk the path is '" + real + "': "
                    + EditPolicy.sensitiveReason(sensitive)));
            return null;
        }
        EditKind kind = e.isWholeFile() && !t.exists() ? EditKind.CREATE : e.kind();
        if (kind == EditKind.CREATE && t.exists()) {
            violations.add(new PolicyViolation(Rule.ALREADY_EXISTS, p.raw(), "the file already exists; a create"
                    + " (empty SEARCH) may only make a new file — edit it with SEARCH/REPLACE instead"));
            return null;
        }
        if (kind != EditKind.CREATE && !t.exists()) {
            violations.add(new PolicyViolation(Rule.MISSING_FILE, p.raw(), "the file does not exist, so it cannot be "
                    + (kind == EditKind.DELETE ? "deleted" : "modified") + "; create it with an empty SEARCH section"));
            return null;
        }
        String oldText = null;
        if (t.exists()) {
            if (t.size() > policy.maxBytesPerFile()) {
                violations.add(new PolicyViolation(Rule.FILE_TOO_LARGE, p.raw(), "the existing file is " + t.size()
                        + " bytes; files over " + policy.maxBytesPerFile() + " bytes cannot be edited"));
                return null;
            }
            oldText = TextRules.decode(Files.readAllBytes(t.file()));
            if (oldText == null) {
                violations.add(new PolicyViolation(Rule.BINARY_CONTENT, p.raw(), "the existing file is not UTF-8 text"
                        + " (NUL bytes or invalid UTF-8); binary files cannot be edited"));
                return null;
            }
        }
        String newText = switch (kind) {
            case DELETE -> null;
            case CREATE -> LineEndings.withEol(e.content(), LineEndings.LF);
            case MODIFY -> e.isWholeFile() ? LineEndings.adaptWhole(oldText, e.content())
                    : HunkMatcher.apply(p.path(), oldText, p.hunks(), noun, problems);
        };
        if (kind != EditKind.DELETE && newText == null) {
            return null;
        }
        byte[] newBytes = null;
        if (newText != null) {
            if (policy.textOnly()) {
                String why = TextRules.binaryProblem(newText);
                if (why != null) {
                    violations.add(new PolicyViolation(Rule.BINARY_CONTENT, p.raw(), why));
                    return null;
                }
                why = TextRules.hiddenProblem(oldText, newText);
                if (why != null) {
                    violations.add(new PolicyViolation(Rule.HIDDEN_CHARACTERS, p.raw(), why));
                    return null;
                }
            }
            newBytes = newText.getBytes(StandardCharsets.UTF_8);
            if (newBytes.length > policy.maxBytesPerFile()) {
                violations.add(new PolicyViolation(Rule.FILE_TOO_LARGE, p.raw(), "the new content is " + newBytes.length
                        + " bytes; at most " + policy.maxBytesPerFile() + " are allowed per file"));
                return null;
            }
        }
        return new Resolved(p.path(), kind, t.file(), t.exists(), oldText, newText, newBytes);
    }

    private static String slashes(Path rel) {
        StringBuilder b = new StringBuilder();
        for (Path p : rel) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(p);
        }
        return b.toString();
    }
}
