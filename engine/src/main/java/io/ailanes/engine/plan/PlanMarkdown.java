package io.ailanes.engine.plan;

/** {@code plan.md}: the plan for people (pull request descriptions, build pages). */
final class PlanMarkdown {

    private PlanMarkdown() {}

    public static String of(Plan plan, String sha256) {
        StringBuilder md = new StringBuilder("# Plan\n\n");
        md.append(prose(plan.summary().strip())).append("\n\n## Steps\n\n");
        int n = 1;
        for (Plan.Step step : plan.steps()) {
            md.append(n++).append(". ").append(prose(oneLine(step.description())));
            if (!step.files().isEmpty()) {
                md.append(" (").append(String.join(", ", step.files().stream().map(f -> "`" + code(f) + "`").toList())).append(')');
            }
            md.append('\n');
        }
        md.append("\n## Files\n\n| file | action | why |\n|---|---|---|\n");
        for (Plan.FileChange file : plan.files()) {
            md.append("| `").append(code(file.path())).append("` | ").append(file.action()).append(" | ")
                    .append(cell(file.why())).append(" |\n");
        }
        md.append("\n## Acceptance criteria\n\n");
        plan.acceptanceCriteria().forEach(c -> md.append("- ").append(prose(oneLine(c))).append('\n'));
        if (!plan.risks().isEmpty()) {
            md.append("\n## Risks\n\n");
            plan.risks().forEach(r -> md.append("- ").append(prose(oneLine(r))).append('\n'));
        }
        if (!plan.gates().isEmpty()) {
            md.append("\n## Suggested gates\n\n");
            plan.gates().forEach(g -> md.append("- ").append(prose(oneLine(g.name()))).append(": `").append(code(g.command())).append("`\n"));
        }
        md.append("\n---\nplan.json SHA-256 `").append(sha256).append("`: the implementation and the review are held to it.\n");
        return md.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String cell(String text) {
        return prose(oneLine(text));
    }

    /**
     * Model text made inert for a Markdown reader: the characters that start HTML, links, images, emphasis, code
     * and table cells are backslash-escaped, and so is what would start a heading, quote or list at a line's start.
     * It renders as the text the model wrote, never as markup (a {@code <script>}, an image whose URL carries data
     * away, a link to {@code javascript:}).
     */
    static String prose(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>!|&~".indexOf(c) >= 0 || lineStart && "#>-+=".indexOf(c) >= 0) {
                out.append('\\');
            } else if (lineStart && Character.isDigit(c)) {
                int j = i;
                while (j < text.length() && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                if (j < text.length() && (text.charAt(j) == '.' || text.charAt(j) == ')')) {
                    out.append(text, i, j).append('\\');
                    i = j - 1;
                    lineStart = false;
                    continue;
                }
            }
            out.append(c);
            lineStart = c == '\n' || lineStart && c == ' ';
        }
        return out.toString();
    }

    private static String code(String text) {
        return oneLine(text).replace("`", "'");
    }
}
