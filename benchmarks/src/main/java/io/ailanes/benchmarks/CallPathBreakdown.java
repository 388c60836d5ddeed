package io.ailanes.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.Timeouts;
import io.ailanes.engine.provider.http.HttpTransport;
import io.ailanes.engine.provider.http.WireRequest;
import io.ailanes.engine.provider.openai.OpenAiAdapter;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where the engine's non-streamed call spends its time beyond the raw client's: the same 2 KB JSON call
 * built up step by step (the engine's transport alone, plus building the request, plus reading the reply,
 * the whole {@code ProviderClient}), each step's calls interleaved with the others' as in
 * {@link InterleavedRatio}, so the figures are comparable on a busy machine. Also times building the
 * request, reading the reply and merely tokenising it, alone but between the HTTP calls, which is what they
 * cost in a real call path (a tight loop over them alone keeps caches and branch predictors warm and shows
 * a fraction of that).
 *
 * <pre>java -Xms512m -Xmx512m -cp benchmarks/target/benchmarks.jar io.ailanes.benchmarks.CallPathBreakdown [rounds] [calls per round]</pre>
 */
public final class CallPathBreakdown {

    private CallPathBreakdown() {}

    private interface Call {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1_500;
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ProviderCallBenchmark bench = new ProviderCallBenchmark();
        ProviderCallBenchmark.Json json = new ProviderCallBenchmark.Json();
        json.setUp();
        OpenAiAdapter adapter = new OpenAiAdapter(ProviderConfig.of(
                "bench", ProviderKind.OPENAI, json.url.substring(0, json.url.lastIndexOf("/chat/completions")), ApiKey.NONE));
        WireRequest wire = adapter.toWire(json.request);
        byte[] reply = Payloads.completion(ProviderCallBenchmark.JSON_CONTENT_CHARS);
        int limit = 32 * 1024 * 1024;
        try (HttpTransport transport = new HttpTransport(Timeouts.DEFAULT)) {
            String[] names = {
                "raw (floor)", "transport", "transport+request", "transport+reply", "transport+both", "engine",
                "request alone", "reply alone", "tokenise alone",
            };
            Call[] sides = {
                () -> bench.rawJson(json),
                () -> {
                    try (HttpTransport.Exchange exchange = transport.open(wire, Cancellation.none())) {
                        return exchange.readBody(limit);
                    }
                },
                () -> {
                    try (HttpTransport.Exchange exchange = transport.open(adapter.toWire(json.request), Cancellation.none())) {
                        return exchange.readBody(limit);
                    }
                },
                () -> {
                    try (HttpTransport.Exchange exchange = transport.open(wire, Cancellation.none())) {
                        return adapter.parseReply(exchange.readBody(limit));
                    }
                },
                () -> {
                    try (HttpTransport.Exchange exchange = transport.open(adapter.toWire(json.request), Cancellation.none())) {
                        return adapter.parseReply(exchange.readBody(limit));
                    }
                },
                () -> bench.engineJson(json),
                () -> adapter.toWire(json.request),
                () -> adapter.parseReply(reply),
                () -> tokenise(reply),
            };
            for (int i = 0; i < 5_000; i++) {
                for (Call side : sides) {
                    blackhole.consume(side.run());
                }
            }
            long[][] times = new long[sides.length][rounds * calls];
            for (int i = 0; i < rounds * calls; i++) {
                for (int k = 0; k < sides.length; k++) {
                    int s = (i + k) % sides.length; // rotate which side goes first
                    long start = System.nanoTime();
                    blackhole.consume(sides[s].run());
                    times[s][i] = System.nanoTime() - start;
                }
            }
            double raw = median(times[0]);
            System.out.printf(Locale.ROOT, "2 KB JSON call, %d x %d calls per step, interleaved%n", rounds, calls);
            for (int s = 0; s < sides.length; s++) {
                double median = median(times[s]);
                System.out.printf(Locale.ROOT, "  %-18s median %8.1f us  x raw %5.3f%n", names[s], median / 1_000, median / raw);
            }
        } finally {
            json.tearDown();
        }
    }

    /** Jackson's parser over the whole reply, skipping every value: the least any reading of it costs. */
    private static JsonToken tokenise(byte[] reply) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(reply)) {
            parser.nextToken();
            parser.skipChildren();
            return parser.currentToken();
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
