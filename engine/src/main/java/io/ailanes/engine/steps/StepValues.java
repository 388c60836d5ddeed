package io.ailanes.engine.steps;

import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.review.Review;
import io.ailanes.engine.review.Reviewer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plan, implement, review and report steps return to a pipeline: plain maps, lists, strings, numbers and
 * booleans only (serializable, and safe for a Jenkins Pipeline's CPS program), with the keys of the step contract.
 * Paths are workspace-relative, under the step's {@code out} folder. Amounts are exact decimal strings.
 */
public final class StepValues {

    private StepValues() {}

    /** {@code aiPlan}: the plan, its hash, where it was written and what it cost. */
    public static Map<String, Object> plan(Planner.Result result, String out) {
        Plan plan = result.plan();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("summary", plan.summary());
        List<Object> steps = new ArrayList<>();
        for (Plan.Step step : plan.steps()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("description", step.description());
            entry.put("files", new ArrayList<>(step.files()));
            steps.add(entry);
        }
        map.put("steps", steps);
        List<Object> files = new ArrayList<>();
        for (Plan.FileChange file : plan.files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", file.path());
            entry.put("action", file.action());
            entry.put("why", file.why());
            files.add(entry);
        }
        map.put("files", files);
        map.put("acceptanceCriteria", new ArrayList<>(plan.acceptanceCriteria()));
        map.put("risks", new ArrayList<>(plan.risks()));
        List<Object> gates = new ArrayList<>();
        for (Plan.SuggestedGate gate : plan.gates()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", gate.name());
            entry.put("command", gate.command());
            gates.add(entry);
        }
        map.put("gates", gates);
        map.put("sha256", result.sha256());
        map.put("planJson", path(out, "plan.json"));
        map.put("planMd", path(out, "plan.md"));
        map.put("costUsd", usd(cost(result.calls())));
        return map;
    }

    /** {@code aiImplement}: whether the gates passed, how, and what changed. */
    public static Map<String, Object> implement(Implementer.Result result, String out) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", result.passed());
        map.put("rounds", result.rounds().size());
        map.put("escalated", result.escalated());
        map.put("lane", result.lane());
        map.put("model", result.model());
        map.put("family", result.family());
        map.put("filesChanged", new ArrayList<>(result.filesChanged()));
        map.put("linesAdded", result.linesAdded());
        map.put("linesRemoved", result.linesRemoved());
        map.put("patch", path(out, "changes.patch"));
        map.put("gatesXml", path(out, "gates.xml"));
        map.put("costUsd", usd(result.costUsd()));
        map.put("failure", result.failure());
        return map;
    }

    /**
     * {@code aiImplement}'s value under a risk class: the implement value, the class, whether it requires a review,
     * and whether the change waits for
     * approval; when it does, {@code approval} holds the patch, its SHA-256, the sensitive paths and the approvers
     * ({@code submitter} for {@code input}: comma-separated, empty for Jenkins' own rule).
     */
    public static Map<String, Object> implement(Implementer.Result result, String out, String riskClass,
            boolean reviewRequired, io.ailanes.engine.riskpolicy.HeldChange held) {
        Map<String, Object> map = implement(result, out);
        map.put("riskClass", riskClass);
        map.put("reviewRequired", reviewRequired);
        map.put("approvalRequired", held != null);
        if (held != null) {
            Map<String, Object> approval = new LinkedHashMap<>();
            approval.put("patch", path(out, "changes.patch"));
            approval.put("sha256", held.patchSha256());
            approval.put("sensitivePaths", new ArrayList<>(held.sensitivePaths()));
            approval.put("approvers", String.join(",", held.approvers()));
            approval.put("riskClass", held.riskClass());
            approval.put("out", out);
            map.put("approval", approval);
            map.put("filesChanged", new ArrayList<>(held.filesChanged()));
        }
        return map;
    }

    /** {@code aiReview}: the verdict, the findings, and whether they reach the step's {@code failOn}. */
    public static Map<String, Object> review(Reviewer.Result result, String out) {
        Review review = result.review();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("verdict", verdict(review.verdict()));
        map.put("summary", review.summary());
        map.put("failed", result.failed());
        map.put("model", result.model());
        List<Object> findings = new ArrayList<>();
        for (Review.Finding finding : review.findings()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("severity", finding.severity());
            entry.put("file", finding.file());
            entry.put("line", finding.line());
            entry.put("category", finding.category());
            entry.put("message", finding.message());
            entry.put("suggestion", finding.suggestion());
            findings.add(entry);
        }
        map.put("findings", findings);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String severity : List.of("high", "medium", "low")) {
            counts.put(severity, (int) review.count(severity));
        }
        map.put("counts", counts);
        map.put("sarif", path(out, "review.sarif"));
        map.put("junit", path(out, "review.xml"));
        map.put("costUsd", usd(cost(result.calls())));
        return map;
    }

    /** {@code aiReport}: the build's cost, its saving against the all-premium counterfactual, and the report. */
    public static Map<String, Object> report(CostReport report, String out) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("costUsd", usd(report.totals().costUsd()));
        map.put("savingUsd", report.counterfactual() == null ? null : usd(report.counterfactual().savingUsd()));
        map.put("report", path(out, "report.html"));
        return map;
    }

    /** The review schema says {@code request_changes}; pipelines get {@code request-changes}. */
    public static String verdict(String verdict) {
        return verdict == null ? null : verdict.replace('_', '-');
    }

    /** What a step's answering calls cost. */
    public static BigDecimal cost(List<RoutedResponse> calls) {
        BigDecimal total = BigDecimal.ZERO;
        for (RoutedResponse call : calls) {
            total = total.add(call.cost().total());
        }
        return total;
    }

    /** An exact amount as a plain decimal string without trailing zeros ({@code "0"} for zero). */
    public static String usd(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }

    /** {@code out/name}, with {@code out} taken as a workspace-relative folder. */
    public static String path(String out, String name) {
        String folder = out == null || out.isBlank() ? "ai-lanes" : out.strip();
        while (folder.endsWith("/") && folder.length() > 1) {
            folder = folder.substring(0, folder.length() - 1);
        }
        return folder.equals(".") ? name : folder + "/" + name;
    }
}
