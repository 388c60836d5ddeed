package io.ailanes.engine.implement;

import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.edit.AppliedChanges;
import io.ailanes.engine.edit.ChangeSet;
import io.ailanes.engine.edit.EditException;
import io.ailanes.engine.edit.EditParseException;
import io.ailanes.engine.edit.EditParser;
import io.ailanes.engine.edit.EditProblem;
import io.ailanes.engine.edit.EditRejectedException;
import io.ailanes.engine.edit.FileEdit;
import io.ailanes.engine.edit.FileSnapshot;
import io.ailanes.engine.edit.PolicyViolation;
import io.ailanes.engine.edit.ProtectedFiles;
import io.ailanes.engine.edit.Workspace;
import io.ailanes.engine.gate.Gate;
import io.ailanes.engine.gate.GateExecutor;
import io.ailanes.engine.gate.GateResult;
import io.ailanes.engine.gate.GatesXml;
import io.ailanes.engine.implement.Implementer.Request;
import io.ailanes.engine.implement.Implementer.Round;
import io.ailanes.engine.implement.Implementer.RoundOutcome;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.NoModelAvailableException;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.Message;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.AuditReports;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The implement step's rounds, and what they have done so far: the conversation, the lane and model, the rounds
 * and their gate results, the bytes each touched file had before the step, the cost, and how the loop ended.
 * {@link #run()} goes round by round down the start lane and, when its rounds run out and the request allows
 * it, once more in the escalation lane; it stops at the first round whose gates all pass, on cancellation, or
 * when a round's gates were stopped.
 */
final class RoundLoop {

    /** How one round ended, for the loop. */
    private enum Next {
        /** A round failed; another may follow. */
        NEXT_ROUND,
        /** The loop is over: passed, cancelled, stopped, or the escalation lane could not be used. */
        DONE
    }

    private final AiRun run;
    private final Workspace workspace;
    private final GateExecutor gates;
    private final Request request;
    private final ImplementPrompt prompt;
    private final List<Gate> gateList;
    private final CallListener text;
    private final Cancellation cancellation;
    private final String system;
    private final List<Message> conversation = new ArrayList<>();

    private final List<Round> rounds = new ArrayList<>();
    private final List<GatesXml.Round> xmlRounds = new ArrayList<>();
    private FileSnapshot before = FileSnapshot.empty();
    private BigDecimal cost = BigDecimal.ZERO;
    private String lane;
    private String model;
    private String family;
    private boolean passed;
    private boolean escalated;
    private String failure;
    private int number;

    RoundLoop(AiRun run, Workspace workspace, GateExecutor gates, Request request, ImplementPrompt prompt,
            List<Gate> gateList, CallListener text, Cancellation cancellation) throws IOException {
        this.run = run;
        this.workspace = workspace;
        this.gates = gates;
        this.request = request;
        this.prompt = prompt;
        this.gateList = gateList;
        this.text = text;
        this.cancellation = cancellation;
        this.system = prompt.system();
        this.lane = request.lane();
        conversation.add(Message.user(prompt.prefix(workspace) + "\n\n" + prompt.firstAsk()).asCacheBreakpoint());
    }

    /** Runs the rounds until one passes, the loop is stopped, or the rounds (and the escalation) run out. */
    void run() throws IOException {
        while (true) {
            for (int i = 0; i < request.maxRounds(); i++) {
                if (round(i) == Next.DONE) {
                    return;
                }
            }
            Optional<Lane> next = request.escalate() ? run.router().escalation(lane) : Optional.empty();
            if (next.isEmpty() || escalated) {
                failure = "the gates still fail after " + number + " round(s)"
                        + (request.escalate() && next.isEmpty() ? "; the " + lane + " lane names no escalation lane" : "");
                return;
            }
            run.options().console().line("[ai-lanes] implement: " + request.maxRounds() + " round(s) in the " + lane
                    + " lane did not pass; escalating to the " + next.get().name() + " lane");
            lane = next.get().name();
            escalated = true;
        }
    }

    /** One round: ask, apply (with one retry for edits that do not apply), run the gates, record it. */
    private Next round(int indexInLane) throws IOException {
        if (cancellation.isCancelled()) {
            failure = "the step was cancelled";
            return Next.DONE;
        }
        number++;
        RoutedResponse answer;
        try {
            answer = run.call(Implementer.STEP, lane, chat(), request.floorOutputTokens(), null, text, cancellation,
                    callAttributes(false));
        } catch (BudgetExceededException | NoModelAvailableException e) {
            if (escalated && indexInLane == 0) {
                failure = "escalation to the " + lane + " lane failed: " + e.getMessage();
                number--;
                return Next.DONE;
            }
            throw e;
        }
        answered(answer);
        conversation.add(Message.assistant(answer.response().text()));
        Attempted attempted = applyWithRetry(answer.response().text());
        Round round;
        String feedback;
        if (attempted.applied() == null) {
            round = new Round(number, lane, model, attempted.outcome(), List.of(), List.of(), attempted.problems());
            feedback = attempted.feedback();
        } else {
            List<String> files = attempted.applied().files().stream().map(f -> f.path()).toList();
            auditSensitive(files);
            List<GateResult> results = gates.run(gateList);
            boolean stopped = cancellation.isCancelled();
            if (stopped) {
                // Stopping kills the running gate; what it exited with says nothing about the change.
                results = results.stream().map(GateResult::asStopped).toList();
            }
            xmlRounds.add(new GatesXml.Round(number, results));
            if (stopped) {
                rounds.add(new Round(number, lane, model, RoundOutcome.GATES_FAILED, files, results, List.of()));
                failure = "the step was stopped while its gates ran";
                return Next.DONE;
            }
            boolean ok = results.stream().allMatch(GateResult::passed);
            round = new Round(number, lane, model, ok ? RoundOutcome.PASSED : RoundOutcome.GATES_FAILED, files,
                    results, List.of());
            feedback = prompt.gateFeedback(results);
            run.options().console().line("[ai-lanes] implement round " + number + " (" + lane + ", " + model + "): "
                    + files.size() + " file(s) changed; gates " + summary(results));
            if (ok) {
                rounds.add(round);
                passed = true;
                return Next.DONE;
            }
        }
        rounds.add(round);
        conversation.add(Message.user(prompt.fixAsk(number + 1, feedback)));
        return Next.NEXT_ROUND;
    }

    /** A call of this round answered: its cost counts, and its model is the one that answered last. */
    private void answered(RoutedResponse answer) {
        cost = cost.add(answer.cost().total());
        model = answer.model().toString();
        family = answer.family();
    }

    /** The outcome of parsing and applying one answer, with the one retry an invalid answer gets. */
    private record Attempted(AppliedChanges applied, RoundOutcome outcome, List<String> problems, String feedback) {}

    private Attempted applyWithRetry(String response) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                ChangeSet changes = EditParser.parse(response, request.format());
                // The bytes before the step's first touch of each file: what REVERT restores and the patch starts from.
                before = before.plusAbsent(workspace.snapshot(paths(changes)));
                return new Attempted(workspace.apply(changes, request.policy()), null, List.of(), null);
            } catch (EditRejectedException e) {
                List<String> problems = e.violations().stream().map(RoundLoop::describe).toList();
                run.recordEvent(Implementer.STEP, lane, "EDIT_REJECTED", "round " + number + ": the change set was"
                        + " rejected: " + String.join("; ", problems), roundAttribute());
                return new Attempted(null, RoundOutcome.EDITS_REJECTED, problems, prompt.rejectedFeedback(problems));
            } catch (EditParseException e) {
                List<String> problems = e.problems().stream().map(RoundLoop::describe).toList();
                if (attempt > 1) {
                    run.recordEvent(Implementer.STEP, lane, "EDITS_INVALID", "round " + number + ": the edits could"
                            + " not be applied after one retry: " + String.join("; ", problems), roundAttribute());
                    return new Attempted(null, RoundOutcome.EDITS_INVALID, problems, prompt.invalidFeedback(problems));
                }
                // One retry, in the same conversation so the prefix stays cached: the model sees exactly what failed.
                conversation.add(Message.user(prompt.retryAsk(problems)));
                RoutedResponse retry = run.call(Implementer.STEP, lane, chat(), request.floorOutputTokens(), null,
                        text, cancellation, callAttributes(true));
                answered(retry);
                response = retry.response().text();
                conversation.add(Message.assistant(response));
            } catch (EditException e) {
                throw new IllegalStateException("unexpected edit exception", e); // sealed: parse or rejected only
            }
        }
    }

    /** Every change to a sensitive build file the policy allowed is an audit event: the report and build page show it. */
    private void auditSensitive(List<String> files) {
        for (String file : files) {
            String pattern = ProtectedFiles.sensitivePattern(file);
            if (pattern != null) {
                run.recordAllowedEvent(Implementer.STEP, lane, PolicyEvent.SENSITIVE_CHANGE, "round " + number
                        + ": changed the build file " + file + " (sensitive: '" + pattern + "'), which the policy"
                        + " allows (policy.allowSensitive)", roundAttribute());
            }
        }
    }

    private Map<String, String> roundAttribute() {
        return Map.of(AuditReports.ROUND, Integer.toString(number));
    }

    /**
     * The audit attributes of an implement call: its round, whether it is the edit retry, and, in an escalation
     * lane, the lane it escalated from ({@value AuditReports#ESCALATED_FROM}), so a simulation can re-price it.
     */
    private Map<String, String> callAttributes(boolean retry) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(AuditReports.ROUND, Integer.toString(number));
        if (retry) {
            attributes.put("retry", "1");
        }
        if (!lane.equals(request.lane())) {
            attributes.put(AuditReports.ESCALATED_FROM, request.lane());
        }
        return attributes;
    }

    private ChatRequest chat() {
        ChatRequest.Builder builder = ChatRequest.builder("routed")
                .system(system)
                .maxOutputTokens(request.maxOutputTokens())
                .temperature(0.0)
                .stream(true);
        conversation.forEach(builder::message);
        return builder.build();
    }

    private static Set<String> paths(ChangeSet changes) {
        Set<String> paths = new LinkedHashSet<>();
        for (FileEdit edit : changes.edits()) {
            paths.add(edit.path());
        }
        return paths;
    }

    private static String describe(PolicyViolation v) {
        return v.path() + ": " + v.reason() + " [" + v.rule() + "]";
    }

    private static String describe(EditProblem p) {
        return (p.block() > 0 ? "block " + p.block() + " " : "") + (p.path() == null ? "" : p.path() + ": ") + p.reason();
    }

    private static String summary(List<GateResult> results) {
        if (results.isEmpty()) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        for (GateResult r : results) {
            parts.add(r.gate().name() + " " + (r.passed() ? "passed" : "FAILED"));
        }
        return String.join(", ", parts);
    }

    List<Round> rounds() {
        return rounds;
    }

    List<GatesXml.Round> gateRounds() {
        return xmlRounds;
    }

    /** The bytes every file the step touched had before its first change. */
    FileSnapshot before() {
        return before;
    }

    BigDecimal cost() {
        return cost;
    }

    String lane() {
        return lane;
    }

    String model() {
        return model;
    }

    String family() {
        return family;
    }

    boolean passed() {
        return passed;
    }

    boolean escalated() {
        return escalated;
    }

    /** Why the loop ended without passing, or null. */
    String failure() {
        return failure;
    }
}
