package io.ailanes.engine.riskpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.audit.Sha256;
import io.ailanes.engine.budget.InMemoryLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.edit.LocalWorkspace;
import io.ailanes.engine.edit.RecordingWorkspace;
import io.ailanes.engine.edit.WorkspaceChecksum;
import io.ailanes.engine.gate.EnvironmentMask;
import io.ailanes.engine.gate.Gate;
import io.ailanes.engine.gate.GateRunner;
import io.ailanes.engine.gate.LocalCommandRunner;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.AuditReports;
import io.ailanes.engine.testing.Responses;
import io.ailanes.engine.testing.Sse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A critical-class change to a sensitive path, end to end on a real workspace with real gate processes and a model
 * server on loopback: the gates run on the edited tree, then the workspace is put back byte for byte, the patch and
 * approval file are written and the hold is audited; applying checks the audited sha256 and the workspace.
 */
class ApprovalTest {

    static final String KEY = "sk-approval-test-0123456789";
    /** CRLF and no final line break: a restore that is not byte for byte shows here. */
    static final String LOGIN = "check(password)\r\nreturn ok";
    static final Plan PLAN = new Plan("Harden the login.",
            List.of(new Plan.Step("Check the token too.", List.of("src/auth/Login.txt", "src/main/Notes.txt"))),
            List.of(new Plan.FileChange("src/auth/Login.txt", "modify", "the login check"),
                    new Plan.FileChange("src/main/Notes.txt", "modify", "notes"),
                    new Plan.FileChange("src/auth/Token.txt", "create", "the token check")),
            List.of("the login checks the token"), List.of(), List.of());
    static final String SENSITIVE_EDIT = """
            src/auth/Login.txt
            <<<<<<< SEARCH
            check(password)
            =======
            check(password) && check(token)
            >>>>>>> REPLACE

            src/auth/Token.txt
            <<<<<<< SEARCH
            =======
            token rules
            >>>>>>> REPLACE
            """;
    static final String PLAIN_EDIT = """
            src/main/Notes.txt
            <<<<<<< SEARCH
            notes
            =======
            notes, updated
            >>>>>>> REPLACE
            """;
    /** Passes only on the edited tree: proof the gates ran before the workspace was put back. */
    static final Gate SEES_EDIT = new Gate("edited", "grep -q token src/auth/Login.txt || grep -q updated src/main/Notes.txt",
            null, null);

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private AiRun run;
    private Path workspace;
    private Path out;
    private AiLanesConfig config;

    @BeforeEach
    void start() throws Exception {
        server.start();
        workspace = Files.createDirectories(dir.resolve("ws"));
        Files.createDirectories(workspace.resolve("src/auth"));
        Files.createDirectories(workspace.resolve("src/main"));
        Files.writeString(workspace.resolve("src/auth/Login.txt"), LOGIN);
        Files.writeString(workspace.resolve("src/main/Notes.txt"), "notes\n");
        out = dir.resolve("out");
        Path file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, "providers:\n  - id: openai\n    kind: openai\n    baseUrl: " + server.url("/v1")
                + "\n    credentialsId: KEY\nlanes:\n"
                + "  - name: execution\n    models: [openai/gpt-5-mini]\n"
                + "  - name: reasoning\n    models: [openai/gpt-5]\n"
                + "riskClass: critical\n"
                + "riskClasses:\n  - name: critical\n    sensitivePaths: ['src/auth/**']\n    approvers: [security-team]\n");
        config = ConfigLoader.read(file);
        run = AiRun.open(config, file, name -> Optional.of(KEY), new AiRun.Options("job#7", "job", out, null,
                AuditMode.HASHES, new InMemoryLedgerStore(), line -> { }, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        run.close();
        server.close();
    }

    private record Done(Implementer.Result result, Optional<HeldChange> held) {}

    private Done implement(String answer, Gate gate) throws Exception {
        server.enqueue(Responses.sse(Sse.answer(answer, 900, 60)));
        RiskPolicy policy = RiskPolicy.of(config, null, null);
        Implementer.Request request = Implementer.Request.of(PLAN, "cd".repeat(32), List.of(gate));
        RiskPolicy.ImplementChoice choice = policy.implement(request.lane(), request.policy(), run);
        policy.record(run, choice.lane(), choice.decisions());
        RecordingWorkspace ws = new RecordingWorkspace(new LocalWorkspace(workspace));
        GateRunner gates = new GateRunner(new LocalCommandRunner(), Map.of("PATH", System.getenv("PATH")),
                Redactor.of(KEY), EnvironmentMask.NONE);
        Implementer.Result result = new Implementer(run, Redactor.of(KEY), ws, list -> gates.run(list, ws.root()))
                .implement(request.withLane(choice.lane()).withPolicy(choice.policy()), out, CallListener.NONE,
                        Cancellation.none());
        return new Done(result, Approvals.hold(run, policy, ws, result, out));
    }

    private List<AuditEntry> events(String kind) throws Exception {
        List<AuditEntry> found = new ArrayList<>();
        try (AuditReader reader = AuditReader.open(out.resolve("audit.jsonl"))) {
            for (AuditEntry e : reader) {
                if (kind.equals(e.attributes().get(AuditReports.EVENT))) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private Approvals.Recorder recorder() {
        return (kind, message, attributes) -> run.recordAllowedEvent("implement", "execution", kind, message,
                Map.of(Approvals.PATCH_SHA256, attributes.get(Approvals.PATCH_SHA256), Approvals.APPROVED_BY,
                        attributes.get(Approvals.APPROVED_BY), RiskPolicy.ATTRIBUTE, "critical"));
    }

    @Test
    void aSensitiveChangeIsHeldWithTheWorkspaceAsBeforeAndAppliedOnlyAfterApproval() throws Exception {
        String checksumBefore = WorkspaceChecksum.of(workspace);

        Done done = implement(SENSITIVE_EDIT, SEES_EDIT);

        assertThat(done.result().passed()).as("the gate saw the edited tree").isTrue();
        assertThat(done.held()).isPresent();
        HeldChange held = done.held().get();
        assertThat(held.sensitivePaths()).containsExactly("src/auth/Login.txt", "src/auth/Token.txt");
        assertThat(held.approvers()).containsExactly("security-team");
        assertThat(WorkspaceChecksum.of(workspace)).as("workspace byte for byte as before").isEqualTo(checksumBefore);
        assertThat(Files.exists(workspace.resolve("src/auth/Token.txt"))).isFalse();
        byte[] patch = Files.readAllBytes(out.resolve("changes.patch"));
        assertThat(new String(patch, StandardCharsets.UTF_8)).contains("+check(password) && check(token)");
        assertThat(held.patchSha256()).isEqualTo(Sha256.hex(patch));
        List<AuditEntry> holds = events(PolicyEvent.APPROVAL_REQUIRED);
        assertThat(holds).hasSize(1);
        assertThat(holds.get(0).attributes()).containsEntry(Approvals.PATCH_SHA256, Sha256.hex(patch))
                .containsEntry(Approvals.SENSITIVE_PATHS, "src/auth/Login.txt,src/auth/Token.txt")
                .containsEntry(RiskPolicy.ATTRIBUTE, "critical");
        assertThat(Approvals.pending(out.resolve("audit.jsonl")).patchSha256()).isEqualTo(Sha256.hex(patch));

        Approvals.Applied applied = Approvals.apply(new LocalWorkspace(workspace), out.resolve("changes.patch"),
                held.patchSha256(), "alice", recorder());

        assertThat(applied.files()).containsExactly("src/auth/Login.txt", "src/auth/Token.txt");
        assertThat(Files.readString(workspace.resolve("src/auth/Login.txt")))
                .isEqualTo("check(password) && check(token)\r\nreturn ok");
        assertThat(Files.readString(workspace.resolve("src/auth/Token.txt"))).isEqualTo("token rules\n");
        List<AuditEntry> approvals = events(PolicyEvent.APPROVED);
        assertThat(approvals).hasSize(1);
        assertThat(approvals.get(0).errorMessage()).contains("approved by alice");
        assertThat(approvals.get(0).attributes()).containsEntry(Approvals.APPROVED_BY, "alice")
                .containsEntry(Approvals.PATCH_SHA256, held.patchSha256());
        assertThat(AuditVerifier.verify(out.resolve("audit.jsonl")).ok()).isTrue();
        assertThatThrownBy(() -> Approvals.pending(out.resolve("audit.jsonl")))
                .isInstanceOf(Approvals.RefusedException.class).hasMessageContaining("no change waiting for approval");
    }

    @Test
    void theReportShowsTheClassAndEveryDecisionEscaped() throws Exception {
        implement(SENSITIVE_EDIT, SEES_EDIT);
        RiskPolicy.of(config, null, null).record(run, "review", List.of(new RiskDecision(PolicyEvent.RISK_LANE,
                "review", "review moved to <script>alert(1)</script>", "a test of escaping")));

        run.writeReports("risk <b>report</b>");

        JsonNode cost = Json.MAPPER.readTree(out.resolve("cost.json").toFile());
        assertThat(cost.at("/risk/class").asText()).isEqualTo("critical");
        List<String> kinds = new ArrayList<>();
        cost.at("/risk/decisions").forEach(d -> kinds.add(d.path("kind").asText()));
        assertThat(kinds).containsExactly(PolicyEvent.RISK_CLASS, PolicyEvent.RISK_SENSITIVE,
                PolicyEvent.APPROVAL_REQUIRED, PolicyEvent.RISK_LANE);
        assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(com.networknt.schema.SchemaLocation.of(io.ailanes.engine.testing.Fixtures.doc("cost.schema.json").toUri().toString())).validate(cost)).isEmpty();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<h2>Risk class</h2>", "Class <strong>critical</strong>", "APPROVAL_REQUIRED",
                "change held for approval", "review moved to &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<b>report</b>", "<script>alert");
        assertThat(html.substring(html.indexOf("<h2>Risk class</h2>"))).doesNotContain("Blocked by policy");
    }

    @Test
    void aPatchChangedAfterTheHoldIsRefusedAndNothingIsWritten() throws Exception {
        HeldChange held = implement(SENSITIVE_EDIT, SEES_EDIT).held().orElseThrow();
        String checksum = WorkspaceChecksum.of(workspace);
        Path patch = out.resolve("changes.patch");
        Files.writeString(patch, Files.readString(patch).replace("check(token)", "true"));

        assertThatThrownBy(() -> Approvals.apply(new LocalWorkspace(workspace), patch, held.patchSha256(), "alice",
                recorder())).isInstanceOf(Approvals.RefusedException.class)
                .hasMessageContaining("has sha256 " + Sha256.hex(Files.readAllBytes(patch)))
                .hasMessageContaining("but the audited held change has " + held.patchSha256());
        assertThat(WorkspaceChecksum.of(workspace)).isEqualTo(checksum);
        assertThat(events(PolicyEvent.APPROVED)).isEmpty();
    }

    @Test
    void anApprovalFileThatDoesNotMakeTheAuditedPatchIsRefused() throws Exception {
        HeldChange held = implement(SENSITIVE_EDIT, SEES_EDIT).held().orElseThrow();
        Path approval = out.resolve(Approvals.FILE);
        String slipped = java.util.Base64.getEncoder().encodeToString("token rules\nrm -rf /\n".getBytes(StandardCharsets.UTF_8));
        String text = Files.readString(approval);
        String original = java.util.Base64.getEncoder().encodeToString("token rules\n".getBytes(StandardCharsets.UTF_8));
        Files.writeString(approval, text.replace(original, slipped));
        String checksum = WorkspaceChecksum.of(workspace);

        assertThatThrownBy(() -> Approvals.apply(new LocalWorkspace(workspace), out.resolve("changes.patch"),
                held.patchSha256(), "alice", recorder())).isInstanceOf(Approvals.RefusedException.class)
                .hasMessageContaining("does not make the audited patch");
        assertThat(WorkspaceChecksum.of(workspace)).isEqualTo(checksum);
    }

    @Test
    void aWorkspaceThatMovedOnSinceTheHoldIsRefused() throws Exception {
        HeldChange held = implement(SENSITIVE_EDIT, SEES_EDIT).held().orElseThrow();
        Files.writeString(workspace.resolve("src/auth/Login.txt"), "someone else's change\n");

        assertThatThrownBy(() -> Approvals.apply(new LocalWorkspace(workspace), out.resolve("changes.patch"),
                held.patchSha256(), "alice", recorder())).isInstanceOf(Approvals.RefusedException.class)
                .hasMessageContaining("the workspace changed since the change was held (src/auth/Login.txt)");
        assertThat(Files.readString(workspace.resolve("src/auth/Login.txt"))).isEqualTo("someone else's change\n");
        assertThat(Files.exists(workspace.resolve("src/auth/Token.txt"))).isFalse();
    }

    @Test
    void aChangeOutsideTheSensitivePathsIsNotHeld() throws Exception {
        Done done = implement(PLAIN_EDIT, SEES_EDIT);

        assertThat(done.result().passed()).isTrue();
        assertThat(done.held()).isEmpty();
        assertThat(Files.readString(workspace.resolve("src/main/Notes.txt"))).isEqualTo("notes, updated\n");
        assertThat(events(PolicyEvent.APPROVAL_REQUIRED)).isEmpty();
        assertThat(Files.exists(out.resolve(Approvals.FILE))).isFalse();
    }

    @Test
    void aFailedSensitiveChangeIsPutBackNotHeld() throws Exception {
        String checksum = WorkspaceChecksum.of(workspace);
        Gate fails = new Gate("fails", "exit 1", null, null);
        server.enqueue(Responses.sse(Sse.answer(SENSITIVE_EDIT, 900, 60))); // the fix round's answer

        Done done = implement(SENSITIVE_EDIT, fails);

        assertThat(done.result().passed()).isFalse();
        assertThat(done.held()).isEmpty();
        assertThat(WorkspaceChecksum.of(workspace)).isEqualTo(checksum);
        assertThat(events(PolicyEvent.RISK_SENSITIVE)).extracting(AuditEntry::errorMessage)
                .anySatisfy(m -> assertThat(m).startsWith("failed change put back"));
    }
}
