package io.ailanes.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.LaneSettings;
import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.price.Cost;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.run.AiRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One model call through the whole engine: lane routing, budgets, audit and reports. Streams the answer,
 * then reports usage by token kind, cost and latency.
 */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = "Send one prompt to one model (--model) or lane (--lane), under the run's budgets, and report"
            + " what it cost. Writes audit.jsonl, cost.json and report.html to --out.")
final class CallCommand implements Callable<Integer> {

    /** The ad-hoc lane a --model call runs in. */
    static final String MODEL_LANE = "call";

    @Mixin
    RunOptions run;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--model", paramLabel = "PROVIDER/MODEL",
                description = "The model, as provider id / model name, e.g. deepseek/deepseek-chat.")
        String model;

        @Option(names = "--lane", paramLabel = "NAME", description = "A lane from the configuration, e.g. execution.")
        String lane;
    }

    @Option(names = "--system", paramLabel = "TEXT", description = "System prompt.")
    String system;

    @Option(names = "--prompt-file", paramLabel = "FILE", description = "Read the prompt from a file ('-' for stdin).")
    String promptFile;

    @Option(names = "--max-tokens", defaultValue = "1024", paramLabel = "N", description = "Output token cap (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--min-tokens", defaultValue = "256", paramLabel = "N",
            description = "The fewest output tokens worth calling for when a budget is tight (default: ${DEFAULT-VALUE}).")
    int minTokens;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (provider default if unset).")
    Double temperature;

    @Option(names = "--no-stream", description = "Wait for the whole answer instead of streaming it.")
    boolean noStream;

    @Option(names = "--json", description = "Print one JSON object (text, usage, cost, latency) instead of text, once"
            + " the call is done: nothing is streamed.")
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
        AiLanesConfig config = run.config();
        String lane = target.lane;
        if (target.model != null) {
            ModelRef.parse(target.model);
            lane = MODEL_LANE;
            config = onlyLane(config, new LaneSettings(MODEL_LANE, List.of(target.model), null, true, null));
        } else {
            config = onlyLane(config, lane);
        }
        ChatRequest request = ChatRequest.builder("routed")
                .system(system)
                .user(text)
                .maxOutputTokens(maxTokens)
                .temperature(temperature)
                .stream(!noStream && !json)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Streams to a terminal only: anywhere else the answer is written once its attempt succeeded.
        AnswerStream answer = new AnswerStream(out, err, request.stream() && System.console() != null);
        try (FileLedgerStore store = FileLedgerStore.open(run.ledgerFile(parent.environment()))) {
            RoutedResponse routed;
            CostReport report;
            try (AiRun aiRun = open(config, store, err)) {
                try {
                    routed = aiRun.call("call", lane, request, Math.min(minTokens, maxTokens), null,
                            json ? CallListener.NONE : answer, Cancellation.none(), Map.of());
                } finally {
                    report = aiRun.writeReports("ai-lanes call");
                }
                ModelPrice price = aiRun.catalog().require(routed.model().toString());
                if (json) {
                    ObjectNode result = result(routed, price);
                    result.put("runCostUsd", Money.plain(report.totals().costUsd()));
                    result.put("out", run.out.toString());
                    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
                } else {
                    answer.finish(routed.response().text());
                    out.println();
                    out.flush();
                    summary(err, routed, price);
                    err.printf("run       %s in all; audit %s, report %s%n", Money.usd(report.totals().costUsd()),
                            run.out.resolve("audit.jsonl"), run.out.resolve("report.html"));
                    err.flush();
                }
            }
        }
        return AiLanes.OK;
    }

    /** The run; problems of the ad-hoc lane of a --model call are named as the option the user wrote. */
    private AiRun open(AiLanesConfig config, FileLedgerStore store, PrintWriter err) {
        try {
            return run.open(config, parent, store, err);
        } catch (io.ailanes.engine.config.ConfigException e) {
            throw e.reworded(problem -> problem.replace("lanes." + MODEL_LANE + "[0]: ", "--model " + target.model + ": "));
        }
    }

    /**
     * The configuration with only the lane this call goes through (a call never escalates), so that keys are needed
     * for its providers alone, not for every provider the file names.
     */
    private static AiLanesConfig onlyLane(AiLanesConfig config, LaneSettings lane) {
        return new AiLanesConfig(config.providers(), config.models(), config.priceFiles(), List.of(lane),
                config.budgets(), config.routing(), config.policy(), config.audit());
    }

    /** As {@link #onlyLane(AiLanesConfig, LaneSettings)} for a configured lane; an unknown name is left to the router. */
    private static AiLanesConfig onlyLane(AiLanesConfig config, String name) {
        return config.lanes().stream()
                .filter(settings -> settings != null && name.equals(settings.name()))
                .findFirst()
                .map(settings -> onlyLane(config, new LaneSettings(settings.name(), settings.models(), null,
                        settings.allowSameFamily(), settings.budgetUsd())))
                .orElse(config);
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

    private static void summary(PrintWriter err, RoutedResponse routed, ModelPrice price) {
        ChatResponse r = routed.response();
        Usage u = r.usage();
        Cost cost = routed.cost();
        err.println("--");
        err.printf("model     %s (answered as %s; finish: %s)%n", routed.model(), r.model(),
                r.rawFinishReason() == null ? r.finishReason() : r.rawFinishReason());
        err.printf("tokens    input %,d | cached read %,d | cache write %,d | output %,d | reasoning %,d%n",
                u.inputTokens(), u.cacheReadTokens(), u.cacheWriteTokens() + u.cacheWrite1hTokens(),
                u.outputTokens(), u.reasoningTokens());
        err.printf("cost      %s (input %s, cached %s, cache write %s, output %s, reasoning %s)%n",
                Money.usd(cost.total()), Money.usd(cost.input()), Money.usd(cost.cacheRead()),
                Money.usd(cost.cacheWrite()), Money.usd(cost.output()), Money.usd(cost.reasoning()));
        err.printf("prices    %s (as of %s)%n", price.source(), price.asOf() == null ? "-" : price.asOf());
        err.printf("latency   %,d ms (%d attempt%s)%n", r.latency().toMillis(), r.attempts(), r.attempts() == 1 ? "" : "s");
    }

    private static ObjectNode result(RoutedResponse routed, ModelPrice price) {
        ChatResponse r = routed.response();
        Cost cost = routed.cost();
        ObjectNode root = Json.object();
        root.put("model", routed.model().toString());
        root.put("providerModel", r.model());
        root.put("responseId", r.responseId());
        root.put("text", r.text());
        root.put("finishReason", r.finishReason().name().toLowerCase(Locale.ROOT));
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
        root.putObject("price").put("source", price.source()).put("asOf", price.asOf() == null ? null : price.asOf().toString());
        root.put("latencyMs", r.latency().toMillis());
        root.put("attempts", r.attempts());
        root.putArray("routing").addAll(routed.decisions().stream()
                .map(d -> Json.MAPPER.getNodeFactory().textNode(d.toString())).toList());
        return root;
    }
}
