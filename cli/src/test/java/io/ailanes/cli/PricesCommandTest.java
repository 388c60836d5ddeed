package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.price.CatalogFile;
import io.ailanes.engine.price.PriceCatalog;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricesCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsTheCatalogWithItsDate() {
        var run = CliTestSupport.run("prices");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("anthropic/claude-opus-4-5", "deepseek/deepseek-chat", "catalog dated 2026-07-24");
    }

    @Test
    void explainsOneModelIncludingItsTiersAndSource() {
        var run = CliTestSupport.run("prices", "gemini/gemini-2.5-pro");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("input           1.25", "above 200,000 input tokens:", "input           2.5",
                "source          LiteLLM");
    }

    @Test
    void anUnknownModelSaysSoAndSuggests() {
        var run = CliTestSupport.run("prices", "anthropic/claude-opus-4-55");
        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("no price for \"anthropic/claude-opus-4-55\"", "did you mean");
    }

    @Test
    void importsALiteLlmMapIntoALoadableCatalogFile() throws Exception {
        Path map = dir.resolve("litellm.json");
        try (InputStream in = getClass().getResourceAsStream("/prices/litellm_excerpt_2026-03-03.json")) {
            Files.copy(in, map);
        }
        Path out = dir.resolve("team-prices.json");

        var run = CliTestSupport.run("prices", "import", map.toString(), "--provider", "deepseek", "--out",
                out.toString(), "--as-of", "2026-03-03");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote 1 model prices");
        PriceCatalog imported = CatalogFile.read(out);
        assertThat(imported.require("deepseek/deepseek-chat").prices().cacheRead()).isEqualByComparingTo(new BigDecimal("0.028"));

        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers: []\npriceFiles: [team-prices.json]\n");
        var explained = CliTestSupport.run("prices", "--provider-config", config.toString(), "deepseek/deepseek-chat");
        assertThat(explained.out()).contains("LiteLLM price map litellm.json", "2026-03-03");
    }
}
