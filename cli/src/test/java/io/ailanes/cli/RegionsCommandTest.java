package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionsCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsTheCatalogWithItsSourcesAndDate() {
        var run = CliTestSupport.run("regions");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("api\\.deepseek\\.com +cn +https://")
                .containsPattern("eu\\.openrouter\\.ai +eu +https://openrouter\\.ai/")
                .contains("checked 2026-12-06", "declare it with dataRegion");
    }

    @Test
    void showsEachConfiguredProvidersRegionAndThePolicysVerdict() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, """
                providers:
                  - {id: deepseek, kind: openai, baseUrl: https://api.deepseek.com/v1}
                  - {id: openai, kind: openai, baseUrl: https://eu.api.openai.com/v1}
                  - {id: local, kind: openai, baseUrl: http://127.0.0.1:11434/v1}
                  - {id: lab, kind: openai, baseUrl: http://10.0.0.5/v1, dataRegion: eu}
                policy:
                  allowedRegions: [eu]
                """);
        var run = CliTestSupport.run("regions", "--provider-config", config.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("policy.allowedRegions [eu]")
                .containsPattern("deepseek +cn +catalog +refused: provider deepseek processes data in cn, outside"
                        + " policy.allowedRegions \\[eu\\]")
                .containsPattern("openai +eu +catalog +allowed")
                .containsPattern("local +unknown +unknown +refused: provider local has no known processing region")
                .containsPattern("lab +eu +configured +allowed");
    }

    @Test
    void aBadRegionIsAConfigurationError() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers: []\npolicy:\n  allowedRegions: ['EU west']\n");
        var run = CliTestSupport.run("regions", "--provider-config", config.toString());
        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("policy.allowedRegions[0]: 'EU west' is not a region name");
    }

    @Test
    void withARiskClassTheClassRegionsNarrowTheVerdictAndNameTheClass() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, """
                providers:
                  - {id: deepseek, kind: openai, baseUrl: https://api.deepseek.com/v1}
                  - {id: openai, kind: openai, baseUrl: https://eu.api.openai.com/v1}
                  - {id: us, kind: openai, baseUrl: https://us.api.openai.com/v1}
                policy:
                  allowedRegions: [eu, us, cn]
                riskClasses:
                  - {name: critical, allowedRegions: [eu]}
                """);

        var plain = CliTestSupport.run("regions", "--provider-config", config.toString());
        var critical = CliTestSupport.run("regions", "--provider-config", config.toString(), "--risk-class", "critical");
        var high = CliTestSupport.run("regions", "--provider-config", config.toString(), "--risk-class", "high");

        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("add --risk-class CLASS").containsPattern("deepseek +cn +catalog +allowed");
        assertThat(critical.exit()).as(critical.err()).isZero();
        assertThat(critical.out()).contains("policy.allowedRegions [eu] (set by risk class critical)")
                .containsPattern("deepseek +cn +catalog +refused: provider deepseek processes data in cn, outside"
                        + " policy.allowedRegions \\[eu\\] \\(set by risk class critical\\)")
                .containsPattern("us +us +catalog +refused")
                .containsPattern("openai +eu +catalog +allowed");
        assertThat(high.out()).contains("policy.allowedRegions [eu, us, cn]").doesNotContain("refused");
    }

    @Test
    void aRiskClassWithABadRegionOrWithoutAConfigurationIsAUsageError() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers: []\nriskClasses:\n  - {name: critical, allowedRegions: []}\n");

        var bad = CliTestSupport.run("regions", "--provider-config", config.toString(), "--risk-class", "critical");
        var alone = CliTestSupport.run("regions", "--risk-class", "critical");

        assertThat(bad.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(bad.err()).contains("riskClasses[0].allowedRegions: an empty list allows no provider at all");
        assertThat(alone.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(alone.err()).contains("--risk-class needs --provider-config");
    }
}
