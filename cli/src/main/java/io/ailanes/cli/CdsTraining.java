package io.ailanes.cli;

import io.ailanes.cli.demo.DemoScript;
import io.ailanes.modelserver.ModelServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the class-data archive ({@link CdsArchive}): in one JVM, the commands whose start-up the
 * archive is for, so that the classes they load are the ones archived. {@code --version}; a streamed {@code call}
 * in each wire format against the scripted provider on 127.0.0.1; a {@code --json} call; {@code audit verify},
 * {@code report} and {@code prices} on the result. Nothing leaves the machine; everything is written to a
 * temporary directory that is deleted afterwards. Exits 0 only when every command did.
 */
final class CdsTraining {

    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("ai-lanes-cds-training");
        int failures = 0;
        try (ModelServer provider = ModelServer.start(0, new DemoScript())) {
            Path config = work.resolve("ai-lanes.yaml");
            Files.writeString(config, "providers:\n"
                    + "  - id: deepseek\n    kind: openai\n    baseUrl: " + provider.openAiBaseUrl() + "\n"
                    + "  - id: anthropic\n    kind: anthropic\n    baseUrl: " + provider.anthropicBaseUrl() + "\n");
            Map<String, String> environment = Map.of("AI_LANES_HOME", work.resolve("home").toString());
            String out = work.resolve("out").toString();
            String ledger = work.resolve("ledger.jsonl").toString();
            String prompt = "Explain the off-by-one error in Pager.pageCount. ".repeat(40);
            List<List<String>> commands = List.of(
                    List.of("--version"),
                    List.of("call", "--provider-config", config.toString(), "--out", out, "--ledger", ledger,
                            "--model", "deepseek/deepseek-chat", prompt),
                    List.of("call", "--provider-config", config.toString(), "--out", out, "--ledger", ledger,
                            "--model", "anthropic/claude-opus-4-5", "--budget", "0.50", prompt),
                    List.of("call", "--provider-config", config.toString(), "--out", out, "--ledger", ledger,
                            "--model", "deepseek/deepseek-chat", "--json", prompt),
                    List.of("audit", "verify", work.resolve("out/audit.jsonl").toString()),
                    List.of("report", work.resolve("out/audit.jsonl").toString()),
                    List.of("prices", "deepseek/deepseek-chat"));
            for (List<String> command : commands) {
                StringWriter err = new StringWriter();
                int code = AiLanes.execute(command.toArray(String[]::new), new PrintWriter(new StringWriter()),
                        new PrintWriter(err), environment);
                if (code != AiLanes.OK) {
                    failures++;
                    System.err.println("training command " + command.get(0) + " exited " + code + ": " + err);
                }
            }
        } finally {
            delete(work);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
