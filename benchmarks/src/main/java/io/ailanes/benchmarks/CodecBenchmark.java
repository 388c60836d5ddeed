package io.ailanes.benchmarks;

import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.http.Reply;
import io.ailanes.engine.provider.http.WireRequest;
import io.ailanes.engine.provider.openai.OpenAiAdapter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU-only part of a non-streamed call, without I/O: the adapter building the request and reading the
 * 2 KB reply, against a hand-written Jackson client doing the same ({@link RawOpenAi}). Shows where the
 * engine's own time goes; {@link ProviderCallBenchmark} has the whole call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class CodecBenchmark {

    private final OpenAiAdapter adapter = new OpenAiAdapter(
            ProviderConfig.of("bench", ProviderKind.OPENAI, "http://127.0.0.1:8080/v1", ApiKey.NONE));
    private final ChatRequest request = ProviderCallBenchmark.request(false);
    private final byte[] reply = Payloads.completion(ProviderCallBenchmark.JSON_CONTENT_CHARS);

    @Benchmark
    public WireRequest engineRequest() {
        return adapter.toWire(request);
    }

    @Benchmark
    public byte[] rawRequest() throws IOException {
        return RawOpenAi.body(request);
    }

    @Benchmark
    public Reply engineReply() {
        return adapter.parseReply(reply);
    }

    @Benchmark
    public RawOpenAi.Fields rawReply() throws IOException {
        return RawOpenAi.reply(reply);
    }
}
