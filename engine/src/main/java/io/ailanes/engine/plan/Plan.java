package io.ailanes.engine.plan;

import java.util.List;

/**
 * The reasoning lane's plan: the spec implementation and review are held to. Its JSON form is validated
 * against {@code plan.schema.json} ({@link PlanSchema}).
 */
public record Plan(
        String summary,
        List<Step> steps,
        List<FileChange> files,
        List<String> acceptanceCriteria,
        List<String> risks,
        List<SuggestedGate> gates) {

    public Plan {
        steps = List.copyOf(steps);
        files = List.copyOf(files);
        acceptanceCriteria = List.copyOf(acceptanceCriteria);
        risks = List.copyOf(risks);
        gates = List.copyOf(gates);
    }

    /** One implementation step. */
    public record Step(String description, List<String> files) {
        public Step {
            files = List.copyOf(files);
        }
    }

    /** A file the plan creates, modifies or deletes, and why. */
    public record FileChange(String path, String action, String why) {}

    /** A check the plan suggests; run only when the step allows plan-suggested gates. */
    public record SuggestedGate(String name, String command) {}

    /** The paths the implementation may touch. */
    public List<String> paths() {
        return files.stream().map(FileChange::path).toList();
    }
}
