package io.ailanes.cli;

import io.ailanes.cli.demo.ScriptedProvider;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the scripted local model server until stopped. */
@Command(
        name = "demo-provider",
        mixinStandardHelpOptions = true,
        description = {
            "Serve scripted answers on 127.0.0.1 in the OpenAI and Anthropic wire formats.",
            "The answers are scripted, not generated: use it to try AI Lanes without an account."
        })
final class DemoProviderCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--port", description = "Port on 127.0.0.1 (default: any free port).")
    int port;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (ScriptedProvider provider = ScriptedProvider.start(port, ScriptedProvider.ECHO)) {
            var out = spec.commandLine().getOut();
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
