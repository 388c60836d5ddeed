package io.ailanes.engine.plan;

/** {@code plan.md}: the plan for people (pull request descriptions, build pages). */
public final class PlanMarkdown {

    private PlanMarkdown() {}

    public static String of(Plan plan, String sha256) {
        StringBuilder md = new StringBuilder("# Plan\n\n");
        md.append(plan.summary().strip()).append("\n\n## Steps\n\n");
        int n = 1;
        for (Plan.Step step : plan.steps()) {
            md.append(n++).append(". ").append(oneLine(step.description()));
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
        plan.acceptanceCriteria().forEach(c -> md.append("- ").append(oneLine(c)).append('\n'));
        if (!plan.risks().isEmpty()) {
            md.append("\n## Risks\n\n");
            plan.risks().forEach(r -> md.append("- ").append(oneLine(r)).append('\n'));
        }
        if (!plan.gates().isEmpty()) {
            md.append("\n## Suggested gates\n\n");
            plan.gates().forEach(g -> md.append("- ").append(oneLine(g.name())).append(": `").append(code(g.command())).append("`\n"));
        }
        md.append("\n---\nplan.json SHA-256 `").append(sha256).append("`: the implementation and the review are held to it.\n");
        return md.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String code(String text) {
        return oneLine(text).replace("`", "'");
    }
}
