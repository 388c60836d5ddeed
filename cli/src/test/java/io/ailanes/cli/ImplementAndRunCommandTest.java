package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.modelserver.ModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ai-lanes implement} and {@code ai-lanes run}: option errors before any call, gate failures, exit codes. */
class ImplementAndRunCommandTest {

    static final String PLAN = """
            {"summary": "Set value to 2.", "steps": [{"description": "Edit.", "files": ["app.txt"]}],
             "files": [{"path": "app.txt", "action": "modify", "why": "the value"}],
             "acceptanceCriteria": ["value is 2"], "risks": [], "gates": []}""";
    static final String REVIEW = """
            {"verdict": "request_changes", "summary": "The value is wrong.", "findings": [
              {"severity": "high", "file": "app.txt", "line": 1, "category": "correctness",
               "message": "value=3 is not 2.", "suggestion": "Set value=2."}]}""";
    static final String WRONG_EDIT = "app.txt\n<<<<<<< SEARCH\nvalue=1\n=======\nvalue=3\n>>>>>>> REPLACE\n";

    @TempDir
    Path dir;

    private ModelServer provider;
    private Path workspace;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        provider = ModelServer.start(0, (protocol, model, prompt) -> prompt.contains("review lane") ? REVIEW
                : prompt.contains("planning lane") ? PLAN : prompt.contains("Round 2:")
                        ? "app.txt\n<<<<<<< SEARCH\nvalue=3\n=======\nvalue=4\n>>>>>>> REPLACE\n" : WRONG_EDIT);
        workspace = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(workspace.resolve("app.txt"), "value=1\n");
        config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers:\n  - id: openai\n    kind: openai\n    baseUrl: " + provider.openAiBaseUrl()
                + "\n  - id: anthropic\n    kind: anthropic\n    baseUrl: " + provider.anthropicBaseUrl()
                + "\nlanes:\n  - name: reasoning\n    models: [openai/gpt-5]\n  - name: execution\n    models: [openai/gpt-5-mini]\n"
                + "  - name: review\n    models: [anthropic/claude-sonnet-4-6]\n");
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    private CliTestSupport.Run cli(String command, String... args) {
        return cli(Map.of("PATH", System.getenv("PATH")), command, args);
    }

    private CliTestSupport.Run cli(Map<String, String> environment, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--provider-config", config.toString(), "--out",
                dir.resolve("out").toString(), "--ledger", dir.resolve("ledger.jsonl").toString(), "--workspace",
                workspace.toString()));
        all.addAll(List.of(args));
        return CliTestSupport.runWithEnvironment(environment, all.toArray(String[]::new));
    }

    private void writePlan() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/plan.json"), PLAN);
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyCall() throws Exception {
        assertThat(cli("implement")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(AiLanes.USAGE);
            assertThat(r.err()).contains("no plan at", "ai-lanes plan");
        });
        writePlan();
        assertThat(cli("implement", "--gate", "no-command").err()).contains("--gate takes NAME=COMMAND");
        assertThat(cli("implement", "--gate", "t=true", "--gate", "t=false").err()).contains("two gates are named 't'");
        assertThat(cli("implement", "--gate", "t=true", "--junit", "u=*.xml").err()).contains("no --gate has that name");
        assertThat(cli("implement", "--on-failure", "later").err()).contains("--on-failure must be keep or revert");
        assertThat(cli("implement", "--format", "patch").err()).contains("--format must be search-replace");
        assertThat(cli("implement", "--max-rounds", "0").err()).contains("--max-rounds must be at least 1");
        assertThat(cli("run").err()).contains("no task: give it with --task TEXT or --task-file FILE");
        assertThat(cli("run", "--task", "x", "--fail-on", "sometimes").exit()).isEqualTo(AiLanes.USAGE);
        // Task files are read as the Jenkins step reads them: bounded, and UTF-8 only.
        Path huge = Files.write(dir.resolve("TASK.md"), new byte[256 * 1024 + 1]);
        assertThat(cli("plan", "--task-file", huge.toString()).err()).contains(huge + " is larger than 262144 bytes");
        Path latin1 = Files.write(dir.resolve("TASK-latin1.md"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        assertThat(cli("plan", "--task-file", latin1.toString()).err()).contains(latin1 + " is not UTF-8 text");
        assertThat(provider.bodies()).isEmpty();
    }

    @Test
    void gatesThatStillFailExitOneAndRevertRestoresTheWorkspace() throws Exception {
        writePlan();

        CliTestSupport.Run run = cli("implement", "--gate", "check=grep -q value=2 app.txt", "--on-failure", "revert");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("round 1 (execution, openai/gpt-5-mini): GATES_FAILED",
                "round 2 (execution, openai/gpt-5-mini): GATES_FAILED",
                "gates failed after 2 rounds, reverted; no file changed; last model openai/gpt-5-mini; ",
                "still fail after 2 round(s)");
        assertThat(Files.readString(workspace.resolve("app.txt"))).isEqualTo("value=1\n");
        assertThat(Files.readString(dir.resolve("out/changes.patch"))).contains("-value=1", "+value=4");
        assertThat(Files.readString(dir.resolve("out/gates.xml"))).contains("failures=\"1\"",
                "<failure message=\"round 2: exit code 1\"", "<rerunFailure message=\"round 1: exit code 1\"");
        assertThat(dir.resolve("out/cost.json")).exists();
    }

    @Test
    void runWithoutReviewStopsAfterImplementAndPrintsTheStory() {
        // Class low: the default class (high) would run a review anyway.
        CliTestSupport.Run run = cli("run", "--task", "Set value to 2 in app.txt", "--gate", "check=true", "--no-review",
                "--risk-class", "low");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("plan       1 file, 1 step, ", "implement  round 1, execution lane, openai/gpt-5-mini: gates passed",
                "           gates passed after 1 round; 1 file changed (+1 -1); last model openai/gpt-5-mini",
                "== Cost by lane", "reasoning", "execution", "Result: PASSED").doesNotContain("review     ");
        assertThat(provider.bodies()).hasSize(2);
    }

    @Test
    void aReviewReachingFailOnFailsTheRunAfterTheGatesPassed() {
        CliTestSupport.Run run = cli("run", "--task", "Set value to 2 in app.txt", "--gate", "check=true", "--fail-on", "high");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("gates passed",
                "review     changes requested by anthropic/claude-sonnet-4-6: 1 high, 0 medium, 0 low (at or above failOn)",
                "[high] app.txt:1 value=3 is not 2.", "Result: FAILED: review: findings at or above 'high'");
        assertThat(dir.resolve("out/review.sarif")).exists();
    }

    @Test
    void gatesGetTheConfiguredNamesOnlyAndWhatTheyPrintOfTheEnvironmentIsMasked() throws Exception {
        Files.writeString(config, Files.readString(config)
                + "policy:\n  gateEnvironment: [SONAR_HOST_URL, NPM_CONFIG_*]\n");
        writePlan();
        Files.writeString(workspace.resolve("leak.txt"), "deploy=hunter2-deploy-pass\n");
        Map<String, String> environment = Map.of("PATH", System.getenv("PATH"),
                "SONAR_HOST_URL", "https://sonar.corp.example", "NPM_CONFIG_REGISTRY", "https://npm.corp.example/",
                "DEPLOY_PASS", "hunter2-deploy-pass", "AWS_SESSION_TOKEN", "FwoGZXIv-session-token",
                "DATABASE_URL", "postgres://app:db-pass-0042@db/app");

        CliTestSupport.Run run = cli(environment, "implement", "--gate", "check=env; cat leak.txt; grep -q value=2 app.txt");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        String gates = Files.readString(dir.resolve("out/gates.xml"));
        assertThat(gates).contains("SONAR_HOST_URL=[ENV:SONAR_HOST_URL]", "NPM_CONFIG_REGISTRY=[ENV:NPM_CONFIG_REGISTRY]",
                        "PATH=[ENV:PATH]", "deploy=[ENV:DEPLOY_PASS]")
                .doesNotContain("DEPLOY_PASS=", "AWS_SESSION_TOKEN", "DATABASE_URL", "hunter2-deploy-pass",
                        "sonar.corp.example");
        String fixRound = provider.bodies().get(provider.bodies().size() - 1).toString();
        assertThat(fixRound).contains("Round 2", "deploy=[ENV:DEPLOY_PASS]", "SONAR_HOST_URL=[ENV:SONAR_HOST_URL]")
                .doesNotContain("hunter2-deploy-pass", "FwoGZXIv", "db-pass-0042");
    }

    @Test
    void aCriticalChangeToASensitivePathExitsFiveWithTheWorkspaceAsBeforeAndApplyAuditsTheApproval() throws Exception {
        writePlan();
        Files.writeString(config, Files.readString(config) + "riskClasses:\n  - name: critical\n"
                + "    sensitivePaths: ['app.txt']\n    approvers: [security-team]\n");

        CliTestSupport.Run held = cli("implement", "--gate", "check=grep -q value=3 app.txt", "--risk-class", "critical");

        assertThat(held.exit()).as(held.out() + held.err()).isEqualTo(AiLanes.APPROVAL_REQUIRED).isEqualTo(5);
        assertThat(held.out()).contains("APPROVAL REQUIRED: class critical holds this change for approval: it touches the"
                + " security-sensitive path(s) app.txt", "approvers: security-team",
                "ai-lanes apply --patch " + dir.resolve("out/changes.patch") + " --approved-by WHO");
        assertThat(Files.readString(workspace.resolve("app.txt"))).as("gates ran on the edit, then it was put back")
                .isEqualTo("value=1\n");
        assertThat(Files.readString(dir.resolve("out/cost.json"))).contains("\"class\" : \"critical\"",
                "APPROVAL_REQUIRED");

        CliTestSupport.Run applied = CliTestSupport.run("apply", "--patch", dir.resolve("out/changes.patch").toString(),
                "--approved-by", "alice", "--workspace", workspace.toString());

        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        assertThat(applied.out()).contains("applied 1 file(s) approved by alice");
        assertThat(Files.readString(workspace.resolve("app.txt"))).isEqualTo("value=3\n");
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("APPROVED", "approved by alice");
        assertThat(CliTestSupport.run("audit", "verify", dir.resolve("out/audit.jsonl").toString()).exit()).isZero();

        CliTestSupport.Run again = CliTestSupport.run("apply", "--patch", dir.resolve("out/changes.patch").toString(),
                "--approved-by", "alice", "--workspace", workspace.toString());
        assertThat(again.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(again.err()).contains("holds no change waiting for approval");
    }

    @Test
    void aClassThatDoesNotAllowImplementExitsSixBeforeAnyCall() throws Exception {
        writePlan();
        Files.writeString(config, Files.readString(config) + "riskClasses:\n  - {name: low, allowImplement: false}\n");

        CliTestSupport.Run run = cli("implement", "--gate", "check=true", "--risk-class", "low");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(AiLanes.RISK_REFUSED);
        assertThat(run.err()).contains("implement refused: class low does not allow implement");
        assertThat(provider.bodies()).isEmpty();
        assertThat(Files.readString(dir.resolve("out/cost.json"))).contains("RISK_REFUSED");
    }
}
