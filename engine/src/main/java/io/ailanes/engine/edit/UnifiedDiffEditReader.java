package io.ailanes.engine.edit;

import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unified-diff form; syntax on {@link EditParser}. java-diff-utils parses the diff; before that every
 * hunk's line counts are checked here, because the library silently drops a hunk that ends early.
 */
final class UnifiedDiffEditReader {

    private static final String DEV_NULL = "/dev/null";
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

    private UnifiedDiffEditReader() {
    }

    static List<FileEdit> read(String[] rawLines) throws EditParseException {
        List<String> lines = new ArrayList<>();
        for (String l : rawLines) {
            if (!EditParser.isFence(l)) {
                lines.add(l);
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1); // the response's final line break, or blank lines after the diff
        }
        List<EditProblem> problems = new ArrayList<>();
        List<Integer> hunksPerFile = checkHunks(lines, problems);
        if (!problems.isEmpty()) {
            throw new EditParseException(problems);
        }
        if (hunksPerFile.isEmpty()) {
            throw new EditParseException(new EditProblem(0, null,
                    "no file headers found; start each file with '--- a/path' and '+++ b/path' lines"));
        }
        UnifiedDiff diff;
        try {
            byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            diff = UnifiedDiffReader.parseUnifiedDiff(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new EditParseException(new EditProblem(0, null, "the diff could not be read: " + e.getMessage()));
        }
        List<UnifiedDiffFile> files = diff.getFiles();
        if (files.size() != hunksPerFile.size()) {
            throw new EditParseException(new EditProblem(0, null, "found " + hunksPerFile.size()
                    + " '+++' file headers but could read " + files.size() + " files; check the diff headers"));
        }
        List<FileEdit> edits = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            FileEdit e = toEdit(f + 1, files.get(f), hunksPerFile.get(f), problems);
            if (e != null) {
                edits.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new EditParseException(problems);
        }
        return edits;
    }

    private static FileEdit toEdit(int block, UnifiedDiffFile file, int hunks, List<EditProblem> problems) {
        String from = stripTab(file.getFromFile());
        String to = stripTab(file.getToFile());
        String path = DEV_NULL.equals(to) ? from : to;
        int before = problems.size();
        if (from == null || to == null) {
            problems.add(new EditProblem(block, path, "needs both a '---' and a '+++' line"));
        } else if (file.getRenameFrom() != null || file.getCopyFrom() != null
                || (!DEV_NULL.equals(from) && !DEV_NULL.equals(to) && !from.equals(to))) {
            problems.add(new EditProblem(block, path, "renames and copies are not supported; delete the old file and create the new one"));
        } else if (file.getOldMode() != null || file.getNewMode() != null
                || (file.getNewFileMode() != null && !file.getNewFileMode().equals("100644"))
                || (file.getDeletedFileMode() != null && !file.getDeletedFileMode().equals("100644"))) {
            problems.add(new EditProblem(block, path, "file mode changes are not supported; leave out the mode lines"));
        } else if (file.getBinaryAdded() != null || file.getBinaryDeleted() != null || file.getBinaryEdited() != null) {
            problems.add(new EditProblem(block, path, "binary patches are not supported"));
        }
        List<AbstractDelta<String>> deltas = file.getPatch().getDeltas();
        if (problems.size() == before && deltas.size() != hunks) {
            problems.add(new EditProblem(block, path, "has " + hunks + " hunks but " + deltas.size()
                    + " could be read; check the hunk lines"));
        }
        if (problems.size() != before) {
            return null;
        }
        if (DEV_NULL.equals(to)) {
            return FileEdit.delete(block, from);
        }
        if (DEV_NULL.equals(from)) {
            if (deltas.size() != 1 || !deltas.get(0).getSource().getLines().isEmpty()) {
                problems.add(new EditProblem(block, path, "a new file ('--- /dev/null') must have exactly one hunk of added lines"));
                return null;
            }
            String content = EditParser.joinLines(deltas.get(0).getTarget().getLines());
            if (file.isNoNewLineAtTheEndOfTheFile() && content.endsWith("\n")) {
                content = content.substring(0, content.length() - 1);
            }
            return FileEdit.create(block, path, content);
        }
        List<Hunk> result = new ArrayList<>();
        for (int h = 0; h < deltas.size(); h++) {
            List<String> source = deltas.get(h).getSource().getLines();
            if (source.isEmpty()) {
                problems.add(new EditProblem(block, path, "hunk " + (h + 1)
                        + " only adds lines and has no context; include at least one unchanged line around it"));
                return null;
            }
            result.add(new Hunk(EditParser.joinLines(source), EditParser.joinLines(deltas.get(h).getTarget().getLines())));
        }
        return FileEdit.modify(block, path, result);
    }

    /** Checks every hunk's counts; returns the number of hunks of each file, in order. */
    private static List<Integer> checkHunks(List<String> lines, List<EditProblem> problems) {
        List<Integer> perFile = new ArrayList<>();
        String file = null;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("+++ ")) {
                file = stripTab(line.substring(4).strip());
                if (file.startsWith("b/")) {
                    file = file.substring(2);
                }
                perFile.add(0);
                i++;
                continue;
            }
            if (!line.startsWith("@@")) {
                i++;
                continue;
            }
            int block = perFile.size();
            int hunk = block == 0 ? 0 : perFile.get(block - 1) + 1;
            Matcher m = HUNK.matcher(line);
            if (block == 0) {
                problems.add(new EditProblem(0, null, "hunk header at line " + (i + 1) + " comes before any '+++' file header"));
                return perFile;
            }
            perFile.set(block - 1, hunk);
            if (!m.matches()) {
                problems.add(new EditProblem(block, file, "hunk " + hunk + " has a malformed header '"
                        + EditParser.abbreviate(line) + "'; expected '@@ -start,count +start,count @@'"));
                return perFile;
            }
            int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            int oldSeen = 0;
            int newSeen = 0;
            i++;
            while (i < lines.size() && (oldSeen < oldCount || newSeen < newCount)) {
                String l = lines.get(i);
                char c = l.isEmpty() ? 0 : l.charAt(0);
                if (c == ' ') {
                    oldSeen++;
                    newSeen++;
                } else if (c == '-') {
                    oldSeen++;
                } else if (c == '+') {
                    newSeen++;
                } else if (c != '\\') {
                    String what = l.isEmpty() ? "an empty line (context lines must start with a space)"
                            : "'" + EditParser.abbreviate(l) + "'";
                    problems.add(new EditProblem(block, file, "hunk " + hunk + " ('" + EditParser.abbreviate(line)
                            + "') promises " + oldCount + " old and " + newCount + " new lines, but line " + (i + 1)
                            + " is " + what + " after " + oldSeen + " old and " + newSeen + " new lines"));
                    return perFile;
                }
                i++;
            }
            if (oldSeen != oldCount || newSeen != newCount) {
                problems.add(new EditProblem(block, file, "hunk " + hunk + " ('" + EditParser.abbreviate(line)
                        + "') promises " + oldCount + " old and " + newCount + " new lines but has " + oldSeen
                        + " old and " + newSeen + " new lines"));
                return perFile;
            }
            while (i < lines.size() && lines.get(i).startsWith("\\")) {
                i++;
            }
        }
        return perFile;
    }

    private static String stripTab(String name) {
        if (name == null) {
            return null;
        }
        int tab = name.indexOf('\t');
        return tab < 0 ? name : name.substring(0, tab);
    }
}
