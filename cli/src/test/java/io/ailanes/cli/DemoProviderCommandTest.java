package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo-provider} as README offers it: started on its own with the sample project, it drives {@code run}
 * (plan, implement with a failing then a passing round, review) through the ordinary commands, with no account.
 */
class DemoProviderCommandTest {

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theSampleProjectAndTheScriptedModelsDriveRunEndToEnd() throws Exception {
        int port = freePort();
        Path sample = dir.resolve("sample");
        Thread server = new Thread(() -> CliTestSupport.run("demo-provider", "--port", Integer.toString(port),
                "--sample", sample.toString()), "demo-provider");
        server.setDaemon(true); // serves until the JVM ends, as it does until Ctrl-C
        server.start();
        for (int i = 0; i < 200 && !listening(port); i++) {
            Thread.sleep(50);
        }
        assertThat(listening(port)).as("demo-provider listens on 127.0.0.1:" + port).isTrue();
        assertThat(sample.resolve("src/main/java/demo/Pager.java")).exists();
        assertThat(Files.readString(sample.resolve("src/main/java/demo/Pager.java"))).contains("return items / size;");

        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, """
                providers:
                  - {id: anthropic, kind: anthropic, baseUrl: "http://127.0.0.1:%1$d"}
                  - {id: deepseek, kind: openai, baseUrl: "http://127.0.0.1:%1$d/v1"}
                lanes:
                  - {name: reasoning, models: [anthropic/claude-opus-4-6]}
                  - {name: execution, models: [deepseek/deepseek-flash]}
                  - {name: review, models: [anthropic/claude-sonnet-4-6]}
                """.formatted(port));
        Path java = Path.of(System.getProperty("java.home"), "bin");
        String gate = DemoCommand.SAMPLE_GATE.replace("javac ", "'" + java.resolve("javac") + "' ")
                .replace("java -cp", "'" + java.resolve("java") + "' -cp");

        CliTestSupport.Run run = CliTestSupport.runWithEnvironment(Map.of("PATH", System.getenv("PATH")), "run",
                "--provider-config", config.toString(), "--workspace", sample.toString(), "--out",
                dir.resolve("out").toString(), "--task", DemoCommand.TASK, "--context", "src/**", "--gate", "test=" + gate);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("round 1", "round 2", "approve");
        assertThat(Files.readString(sample.resolve("src/main/java/demo/Pager.java")))
                .contains("return (items + size - 1) / size;");
        assertThat(dir.resolve("out/report.html")).exists();
    }
}
