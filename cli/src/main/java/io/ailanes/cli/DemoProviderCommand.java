package io.ailanes.cli;

import io.ailanes.cli.demo.DemoScript;
import io.ailanes.modelserver.ModelServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the scripted local model server until stopped. It answers as the demo's models do for the bundled sample
 * project (a plan, a wrong then a right edit, a review), so {@code plan}, {@code implement}, {@code review}, {@code run}
 * and the Jenkins steps can be tried on that project without an account; any other prompt gets an echo.
 */
@Command(
        name = "demo-provider",
        mixinStandardHelpOptions = true,
        description = {
            "Serve scripted answers on 127.0.0.1 in the OpenAI and Anthropic wire formats.",
            "For the bundled sample project (--sample writes it) the answers are the demo's: a plan, an edit the gate"
                + " rejects, one it accepts, and a review. Other prompts get an echo. The answers are scripted, not"
                + " generated: use it to try AI Lanes without an account."
        })
final class DemoProviderCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--port", description = "Port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--sample", paramLabel = "DIR",
            description = "Also write the bundled sample project (a real bug, a failing test) to DIR, replacing it.")
    Path sample;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (sample != null) {
            Path project = DemoCommand.copyProject(sample);
            out.println("sample project: " + project);
            out.println("  task:  " + DemoCommand.TASK);
            out.println("  gate:  " + DemoCommand.SAMPLE_GATE);
        }
        try (ModelServer provider = ModelServer.start(port, new DemoScript())) {
            out.println("scripted provider listening (answers are scripted, not generated)");
            out.println("  openai kind:    baseUrl " + provider.openAiBaseUrl());
            out.println("  anthropic kind: baseUrl " + provider.anthropicBaseUrl());
            out.flush();
            CountDownLatch forever = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
            forever.await();
        }
        return AiLanes.OK;
    }
}
