package io.ailanes.cli;

import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.PriceSetup;
import io.ailanes.engine.forecast.AuditFile;
import io.ailanes.engine.forecast.Forecast;
import io.ailanes.engine.forecast.ForecastText;
import io.ailanes.engine.forecast.Forecaster;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.price.PriceCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The next build's cost from past builds' audits, at today's prices. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Forecast the next build's cost from past builds' audit.jsonl files: their recorded token usage "
            + "re-priced at today's prices, nearest-rank p50 and p95 per build, step and lane. An audit that does "
            + "not verify is left out and named.")
final class ForecastCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Audit files, or folders searched for audit.jsonl files (e.g. archived builds).")
    List<Path> paths;

    @Option(names = "--last", paramLabel = "N", defaultValue = "30",
            description = "Use the newest N verified builds (by their first line's time; default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the forecast as JSON to FILE.")
    Path json;

    @Option(names = "--provider-config", paramLabel = "FILE",
            description = "Include this configuration's prices (models the catalog lacks, negotiated prices).")
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (last < 1) {
            throw new IllegalArgumentException("--last must be at least 1, was " + last);
        }
        PriceCatalog catalog = configFile == null
                ? PriceCatalog.bundled()
                : PriceSetup.catalog(ConfigLoader.read(configFile), configFile);
        // A file named twice (itself and under a folder given too) is one build.
        Map<Path, AuditFile> audits = new LinkedHashMap<>();
        for (Path path : paths) {
            for (AuditFile audit : Forecaster.find(path)) {
                audits.putIfAbsent(audit.file().toAbsolutePath().normalize(), audit);
            }
        }
        Forecast forecast = Forecaster.forecast(new ArrayList<>(audits.values()), catalog, last);
        PrintWriter out = spec.commandLine().getOut();
        ForecastText.lines(forecast).forEach(out::println);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(ForecastText.json(forecast)));
            out.println("wrote " + json);
        }
        out.flush();
        return AiLanes.OK;
    }
}
