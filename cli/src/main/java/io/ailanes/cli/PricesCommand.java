package io.ailanes.cli;

import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.PriceSetup;
import io.ailanes.engine.price.CatalogFile;
import io.ailanes.engine.price.LiteLlmPriceImport;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.PriceTier;
import io.ailanes.engine.price.TokenPrices;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists and explains the prices AI Lanes charges calls at, and imports LiteLLM price maps. */
@Command(
        name = "prices",
        mixinStandardHelpOptions = true,
        description = {
            "List the price catalog (USD per million tokens), or explain one model's price and its source.",
            "With --provider-config, the configuration's overrides and price files are included."
        },
        subcommands = {PricesCommand.Import.class})
final class PricesCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "A model reference, e.g. anthropic/claude-opus-4-5.")
    String model;

    @Option(names = "--provider-config", paramLabel = "FILE", description = "Include this configuration's prices.")
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PriceCatalog catalog = configFile == null
                ? PriceCatalog.bundled()
                : PriceSetup.catalog(ConfigLoader.read(configFile), configFile);
        PrintWriter out = spec.commandLine().getOut();
        if (model != null) {
            explain(out, catalog.require(model));
            return AiLanes.OK;
        }
        out.printf("%-44s %10s %10s %10s %10s %10s  %s%n", "model (USD per million tokens)", "input", "cached",
                "cache wr.", "output", "reasoning", "as of");
        for (ModelPrice price : catalog.all()) {
            TokenPrices p = price.prices();
            out.printf("%-44s %10s %10s %10s %10s %10s  %s%s%n", price.ref(), num(p.input()), num(p.cacheRead()),
                    num(p.cacheWrite()), num(p.output()), num(p.reasoning()),
                    price.asOf() == null ? "-" : price.asOf(), price.tiers().isEmpty() ? "" : "  (tiered)");
        }
        out.printf("%n%d models; catalog dated %s. `ai-lanes prices MODEL` explains one.%n", catalog.all().size(),
                catalog.date());
        return AiLanes.OK;
    }

    private static void explain(PrintWriter out, ModelPrice price) {
        TokenPrices p = price.prices();
        out.println(price.ref());
        out.println("  family          " + price.family());
        if (!price.aliases().isEmpty()) {
            out.println("  aliases         " + String.join(", ", price.aliases()));
        }
        out.println("  context window  " + (price.contextWindow() == null ? "unknown" : String.format("%,d tokens", price.contextWindow())));
        out.println("  max output      " + (price.maxOutputTokens() == null ? "unknown" : String.format("%,d tokens", price.maxOutputTokens())));
        out.println("  USD per million tokens:");
        rates(out, p, "    ");
        for (PriceTier tier : price.tiers()) {
            out.printf("  above %,d input tokens:%n", tier.aboveInputTokens());
            rates(out, tier.prices(), "    ");
        }
        out.println("  source          " + price.source());
        out.println("  as of           " + (price.asOf() == null ? "-" : price.asOf()));
    }

    private static void rates(PrintWriter out, TokenPrices p, String indent) {
        out.println(indent + "input           " + num(p.input()));
        out.println(indent + "cached read     " + (p.cacheRead() == null ? "no discount (input rate)" : num(p.cacheRead())));
        out.println(indent + "cache write 5m  " + (p.cacheWrite() == null ? "input rate" : num(p.cacheWrite())));
        out.println(indent + "cache write 1h  " + (p.cacheWrite1h() == null ? "5-minute write rate" : num(p.cacheWrite1h())));
        out.println(indent + "output          " + num(p.output()));
        out.println(indent + "reasoning       " + (p.reasoning() == null ? "output rate" : num(p.reasoning())));
    }

    private static String num(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    /** Converts a LiteLLM price map into a catalog file AI Lanes loads with {@code priceFiles:}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Read a LiteLLM model_prices_and_context_window.json and write a catalog file.",
                "Per-token floats become exact per-million decimals (3.75e-07 becomes 0.375).",
                "Load the result with priceFiles: [FILE] in ai-lanes.yaml."
            })
    static final class Import implements Callable<Integer> {

        @Parameters(paramLabel = "LITELLM_JSON", description = "The LiteLLM price map.")
        Path source;

        @Option(names = "--provider", paramLabel = "ID",
                description = "Keep only this LiteLLM provider's models (e.g. deepseek, anthropic).")
        String provider;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The catalog file to write.")
        Path out;

        @Option(names = "--as-of", paramLabel = "DATE", description = "The date the prices are valid for (default: today).")
        LocalDate asOf;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<ModelPrice> prices;
            LocalDate date = asOf == null ? LocalDate.now(java.time.ZoneOffset.UTC) : asOf;
            try (InputStream in = Files.newInputStream(source)) {
                prices = LiteLlmPriceImport.read(in, provider, date, "LiteLLM price map " + source.getFileName());
            }
            if (prices.isEmpty()) {
                throw new IllegalArgumentException("no chat models with prices in " + source
                        + (provider == null ? "" : " for provider '" + provider + "'"));
            }
            CatalogFile.write(PriceCatalog.of(date, prices), out);
            spec.commandLine().getOut().printf("wrote %d model prices to %s; load them with priceFiles: [%s]%n",
                    prices.size(), out, out.getFileName());
            return AiLanes.OK;
        }
    }
}
