package io.ailanes.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.ModelRef;
import io.ailanes.engine.config.PriceSetup;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.price.Cost;
import io.ailanes.engine.price.CostCalculator;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.Providers;
import io.ailanes.engine.provider.Usage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One model call: streams the answer, then reports usage by token kind, cost and latency. */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = "Send one prompt to one model and report what it cost.")
final class CallCommand implements Callable<Integer> {

    @Option(names = "--provider-config", paramLabel = "FILE", defaultValue = "ai-lanes.yaml",
            description = "Configuration with the providers (default: ${DEFAULT-VALUE}).")
    Path configFile;

    @Option(names = "--model", required = true, paramLabel = "PROVIDER/MODEL",
            description = "The model, as provider id / model name, e.g. deepseek/deepseek-chat.")
    String model;

    @Option(names = "--system", paramLabel = "TEXT", description = "System prompt.")
    String system;

    @Option(names = "--prompt-file", paramLabel = "FILE", description = "Read the prompt from a file ('-' for stdin).")
    String promptFile;

    @Option(names = "--max-tokens", defaultValue = "1024", paramLabel = "N", description = "Output token cap (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (provider default if unset).")
    Double temperature;

    @Option(names = "--no-stream", description = "Wait for the whole answer instead of streaming it.")
    boolean noStream;

    @Option(names = "--json", description = "Print one JSON object (text, usage, cost, latency) instead of text.")
    boolean json;

    @Parameters(arity = "0..1", paramLabel = "PROMPT", description = "The prompt.")
    String prompt;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    AiLanes parent;

    @Override
    public Integer call() throws IOException {
        String text = promptText();
        ModelRef ref = ModelRef.parse(model);
        AiLanesConfig config = ConfigLoader.read(configFile);
        Map<String, ProviderConfig> providers = ConfigLoader.providers(config, parent.secrets(), configFile.toString());
        ProviderConfig providerConfig = providers.get(ref.provider());
        if (providerConfig == null) {
            throw new IllegalArgumentException("no provider '" + ref.provider() + "' in " + configFile
                    + "; configured: " + String.join(", ", providers.keySet()));
        }
        // Fail closed before anything is sent: a call we cannot price is a call we do not make.
        PriceCatalog catalog = PriceSetup.catalog(config, configFile);
        ModelPrice price = catalog.require(ref.toString());

        ChatRequest request = ChatRequest.builder(ref.model())
                .system(system)
                .user(text)
                .maxOutputTokens(maxTokens)
                .temperature(temperature)
                .stream(!noStream && !json)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CallListener listener = new CallListener() {
            @Override
            public void onText(String delta) {
                out.print(delta);
                out.flush();
            }

            @Override
            public void onAttempt(io.ailanes.engine.provider.Attempt attempt) {
                if (attempt.outcome() == io.ailanes.engine.provider.Attempt.Outcome.RETRYING) {
                    err.printf("%n[attempt %d failed: %s; retrying in %d ms]%n", attempt.number(),
                            attempt.error().getMessage(), attempt.backoff().toMillis());
                    err.flush();
                }
            }
        };
        ChatResponse response;
        try (ChatProvider provider = Providers.create(providerConfig)) {
            response = provider.chat(request, json ? CallListener.NONE : listener, Cancellation.none());
        }
        Cost cost = CostCalculator.cost(price, response.usage());
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    result(ref, price, response, cost)));
        } else {
            if (!request.stream()) {
                out.print(response.text());
            }
            out.println();
            out.flush();
            summary(err, ref, price, response, cost);
        }
        return AiLanes.OK;
    }

    private String promptText() throws IOException {
        if (promptFile != null && prompt != null) {
            throw new IllegalArgumentException("give the prompt either as an argument or with --prompt-file, not both");
        }
        if (promptFile != null) {
            return "-".equals(promptFile)
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(promptFile));
        }
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("no prompt: pass it as an argument or with --prompt-file");
        }
        return prompt;
    }

    private static void summary(PrintWriter err, ModelRef ref, ModelPrice price, ChatResponse r, Cost cost) {
        Usage u = r.usage();
        err.println("--");
        err.printf("model     %s (answered as %s; finish: %s)%n", ref, r.model(),
                r.rawFinishReason() == null ? r.finishReason() : r.rawFinishReason());
        err.printf("tokens    input %,d | cached read %,d | cache write %,d | output %,d | reasoning %,d%n",
                u.inputTokens(), u.cacheReadTokens(), u.cacheWriteTokens() + u.cacheWrite1hTokens(),
                u.outputTokens(), u.reasoningTokens());
        err.printf("cost      %s (input %s, cached %s, cache write %s, output %s, reasoning %s)%n",
                Money.usd(cost.total()), Money.usd(cost.input()), Money.usd(cost.cacheRead()),
                Money.usd(cost.cacheWrite()), Money.usd(cost.output()), Money.usd(cost.reasoning()));
        err.printf("prices    %s (as of %s)%n", price.source(), price.asOf());
        err.printf("latency   %,d ms (%d attempt%s)%n", r.latency().toMillis(), r.attempts(), r.attempts() == 1 ? "" : "s");
        err.flush();
    }

    private static ObjectNode result(ModelRef ref, ModelPrice price, ChatResponse r, Cost cost) {
        ObjectNode root = Json.object();
        root.put("model", ref.toString());
        root.put("providerModel", r.model());
        root.put("responseId", r.responseId());
        root.put("text", r.text());
        root.put("finishReason", r.finishReason().name().toLowerCase(java.util.Locale.ROOT));
        root.put("rawFinishReason", r.rawFinishReason());
        Usage u = r.usage();
        root.putObject("usage")
                .put("inputTokens", u.inputTokens())
                .put("cacheReadTokens", u.cacheReadTokens())
                .put("cacheWriteTokens", u.cacheWriteTokens())
                .put("cacheWrite1hTokens", u.cacheWrite1hTokens())
                .put("outputTokens", u.outputTokens())
                .put("reasoningTokens", u.reasoningTokens());
        root.putObject("costUsd")
                .put("input", Money.plain(cost.input()))
                .put("cacheRead", Money.plain(cost.cacheRead()))
                .put("cacheWrite", Money.plain(cost.cacheWrite()))
                .put("output", Money.plain(cost.output()))
                .put("reasoning", Money.plain(cost.reasoning()))
                .put("total", Money.plain(cost.total()));
        root.putObject("price").put("source", price.source()).put("asOf", String.valueOf(price.asOf()));
        root.put("latencyMs", r.latency().toMillis());
        root.put("attempts", r.attempts());
        return root;
    }
}
