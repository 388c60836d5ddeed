package io.ailanes.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.EstimatorCalibration;
import io.ailanes.engine.budget.Reservation;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.TokenEstimator;
import io.ailanes.engine.budget.Tokenizer;
import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.lane.CallSpec;
import io.ailanes.engine.lane.CircuitBreaker;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.LaneRouter;
import io.ailanes.engine.lane.RouterListener;
import io.ailanes.engine.price.Cost;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.Providers;
import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.WireRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reserved-versus-spent before and after calibration, through the real router, adapters and ledger: each round sends
 * the wire samples that pair a request with its provider's reported usage (a Claude Sonnet 4.5 structured-output call
 * and a GPT-4o chat) to loopback servers answering with the recorded responses, and prints what was reserved and
 * what was billed. Round 1 has no history (the reservations of today's estimator); from round
 * {@value EstimatorCalibration#MIN_OBSERVATIONS} + 1 on the Anthropic reservations are calibrated. Not timed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.ailanes.benchmarks.CalibrationRatio [rounds]</pre>
 */
public final class CalibrationRatio {

    private CalibrationRatio() {}

    /** One sample: a request, the recorded response body, the lane (one model) it goes down. */
    private record Sample(String lane, ModelRef model, ProviderKind kind, ChatRequest request, byte[] response) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        JsonNode recording = Fixtures.json("anthropic/recording_messages_parse_sonnet45.json").get(0);
        List<Sample> samples = List.of(
                new Sample("claude", ModelRef.parse("anthropic/claude-sonnet-4-5"), ProviderKind.ANTHROPIC,
                        WireRequests.anthropic(recording.path("request").path("body")),
                        Json.MAPPER.writeValueAsBytes(recording.path("response").path("body"))),
                new Sample("gpt", ModelRef.parse("openai/gpt-4o"), ProviderKind.OPENAI,
                        WireRequests.openAi(Fixtures.json("openai/chat_completion_default.request.json")).withMaxOutputTokens(1024),
                        Fixtures.bytes("openai/chat_completion_default.response.json")));

        List<HttpServer> servers = new ArrayList<>();
        Map<String, ChatProvider> providers = new LinkedHashMap<>();
        Map<String, Lane> lanes = new LinkedHashMap<>();
        for (Sample sample : samples) {
            HttpServer server = serve(sample.response());
            servers.add(server);
            String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort()
                    + (sample.kind() == ProviderKind.OPENAI ? "/v1" : "");
            providers.put(sample.model().provider(), Providers.create(ProviderConfig.of(sample.model().provider(),
                    sample.kind(), baseUrl, ApiKey.of("sk-loopback-0123456789abcdef"))));
            lanes.put(sample.lane(), new Lane(sample.lane(), List.of(sample.model()), null, false));
        }
        BudgetLedger ledger = BudgetLedger.inMemory();
        List<Reservation> reservations = new ArrayList<>();
        List<Cost> costs = new ArrayList<>();
        LaneRouter router = new LaneRouter(lanes, providers, PriceCatalog.bundled(), ledger,
                new CircuitBreaker(3, Duration.ofSeconds(30), Clock.systemUTC()),
                (request, price) -> TokenEstimator.upperBound(request, Tokenizer.forModel(price.ref())),
                new RouterListener() {
                    @Override
                    public void onSuccess(CallSpec call, ModelRef model, io.ailanes.engine.provider.Attempt attempt,
                            ChatResponse response, Cost cost, Reservation reservation, String routingReason) {
                        reservations.add(reservation);
                        costs.add(cost);
                    }
                });
        try {
            System.out.println("round | model | input tokens estimated / reserved / reported | USD reserved / spent"
                    + " | reserved/spent USD (input tokens)");
            int call = 0;
            for (int round = 1; round <= rounds; round++) {
                for (Sample sample : samples) {
                    Tokenizer family = Tokenizer.forModel(sample.model().model());
                    long estimated = TokenEstimator.upperBound(sample.request().withModel(sample.model().model()), family);
                    // Single-threaded: what the router will reserve is what the ledger's calibration gives now.
                    long reserved = ledger.calibration().apply(
                            EstimatorCalibration.key(sample.model().provider(), family), estimated);
                    ChatResponse response = router.call(new CallSpec("bench#1/" + ++call, "call", sample.lane(),
                            sample.request(), 1, null, List.of(ScopeId.build("bench#1")), null, null, Map.of()))
                            .response();
                    Reservation reservation = reservations.get(reservations.size() - 1);
                    Cost cost = costs.get(costs.size() - 1);
                    long reported = response.usage().totalInputTokens();
                    System.out.println(String.format(Locale.ROOT, "%d | %s | %d / %d / %d | %s / %s | %s (%.2f)",
                            round, sample.model(), estimated, reserved, reported,
                            reservation.amount().setScale(6, RoundingMode.HALF_UP).toPlainString(),
                            cost.total().setScale(6, RoundingMode.HALF_UP).toPlainString(),
                            reservation.amount().divide(cost.total(), 2, RoundingMode.HALF_UP).toPlainString(),
                            (double) reserved / reported));
                    if (reservation.amount().compareTo(cost.total()) < 0 || reserved < reported) {
                        throw new IllegalStateException("a reservation fell under its bill in round " + round);
                    }
                }
            }
        } finally {
            providers.values().forEach(ChatProvider::close);
            servers.forEach(s -> s.stop(0));
        }
    }

    private static HttpServer serve(byte[] body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return server;
    }
}
