package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.modelserver.ModelServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --provider-config} given twice, and {@code extends:}: a narrowing file narrows the run, end to end. */
class LayeredConfigCommandTest {

    @TempDir
    Path dir;

    private ModelServer provider;
    private Path base;

    @BeforeEach
    void start() throws Exception {
        provider = ModelServer.start(0, (protocol, model, prompt) -> "Answer from " + model + ".");
        base = dir.resolve("ai-lanes.yaml");
        Files.writeString(base, "providers:\n"
                + "  - id: deepseek\n    kind: openai\n    baseUrl: " + provider.openAiBaseUrl() + "\n"
                + "  - id: anthropic\n    kind: anthropic\n    baseUrl: " + provider.anthropicBaseUrl() + "\n"
                + "lanes:\n  - name: execution\n    models: [deepseek/deepseek-chat, anthropic/claude-haiku-4-5]\n"
                + "budgets:\n  perBuildUsd: \"2.00\"\n");
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", dir.resolve("out").toString(), "--ledger", dir.resolve("ledger.jsonl").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AiLanes.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of());
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aSecondFileNarrowsTheRunWhichShowsAndAuditsItsEffectiveConfiguration() throws Exception {
        Path team = file("team.yaml", "allowedProviders: [anthropic]\nbudgets:\n  perBuildUsd: \"1.00\"\n");

        Run run = run("call", "--provider-config", base.toString(), "--provider-config", team.toString(),
                "--lane", "execution", "--json", "Hello");

        assertThat(run.exit()).as(run.err()).isZero();
        // DeepSeek's model dropped out of the lane: the call went to Anthropic's.
        assertThat(run.out()).contains("Answer from claude-haiku-4-5.");
        assertThat(run.err()).contains("[ai-lanes] effective configuration (file " + base + " > file " + team + "):",
                "[ai-lanes]   providers [anthropic] (file " + team + ")",
                "[ai-lanes]   lanes execution=[anthropic/claude-haiku-4-5] (file " + team + ")",
                "[ai-lanes]   budgets perBuildUsd $1.00 (file " + team + ")");
        Path audit = dir.resolve("out/audit.jsonl");
        List<AuditEntry> entries = new ArrayList<>();
        try (AuditReader reader = AuditReader.open(audit)) {
            reader.forEach(entries::add);
        }
        assertThat(entries.get(0).attributes()).containsEntry("event", EffectiveConfig.EVENT)
                .containsEntry("config.providers", "[anthropic]")
                .containsEntry("origin.budgets.perBuildUsd", "file " + team);
        assertThat(entries.get(1).model()).isEqualTo("claude-haiku-4-5");
        assertThat(entries.get(1).attributes().get("caps")).contains("=1.00");
        assertThat(AuditVerifier.verify(audit).ok()).isTrue();
    }

    @Test
    void extendsChainsTheFilesAndAModelOfALeftOutProviderIsRefused() throws Exception {
        Path team = file("teams/team.yaml", "extends: ../ai-lanes.yaml\nallowedProviders: [anthropic]\n");

        Run run = run("call", "--provider-config", team.toString(), "--model", "deepseek/deepseek-chat", "Hello");

        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("no provider 'deepseek' for model \"deepseek/deepseek-chat\"; configured"
                + " providers: anthropic");
        assertThat(provider.bodies()).isEmpty();
    }

    @Test
    void aWideningFileIsRefusedWithTheEngineMessageAndNothingIsSent() throws Exception {
        Path team = file("team.yaml", "budgets:\n  perBuildUsd: \"5.00\"\n");
        Path secrets = file("own.yaml", "providers:\n  - id: mine\n    kind: openai\n    baseUrl: http://127.0.0.1:9\n"
                + "    credentialsId: MY_KEY\n");

        Run widening = run("call", "--provider-config", base.toString(), "--provider-config", team.toString(),
                "--lane", "execution", "Hello");
        Run ownProvider = run("call", "--provider-config", base.toString(), "--provider-config", secrets.toString(),
                "--lane", "execution", "Hello");

        assertThat(widening.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(widening.err()).contains("file '" + team + "' sets budgets.perBuildUsd 5.00 above the 2.00 of file '"
                + base + "': a file may only lower a cap; remove it or ask the admin to raise the cap in file '" + base
                + "'");
        assertThat(ownProvider.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(ownProvider.err()).contains(secrets + " has 1 problem", "providers: a narrowing file cannot define"
                + " providers (they hold endpoints and credentials, which only the base configuration sets)");
        assertThat(provider.bodies()).isEmpty();
    }
}
