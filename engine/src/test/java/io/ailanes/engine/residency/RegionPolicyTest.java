package io.ailanes.engine.residency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.residency.ProviderRegion.Basis;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Region names, the bundled catalog, the admin's override and the policy's verdicts. */
class RegionPolicyTest {

    private final RegionCatalog catalog = RegionCatalog.bundled();

    @Test
    void theCatalogNamesTheDocumentedRegionOfEachMajorEndpointWithItsSource() {
        assertThat(region("https://api.deepseek.com/v1").regions()).containsExactly("cn");
        assertThat(region("https://api.anthropic.com").regions()).containsExactly("global");
        assertThat(region("https://api.openai.com/v1").regions()).containsExactly("global");
        assertThat(region("https://eu.api.openai.com/v1").regions()).containsExactly("eu");
        assertThat(region("https://dashscope.aliyuncs.com/compatible-mode/v1").regions()).containsExactly("cn");
        assertThat(region("https://dashscope-intl.aliyuncs.com/compatible-mode/v1").regions()).containsExactly("sg", "global");
        assertThat(region("https://open.bigmodel.cn/api/paas/v4").regions()).containsExactly("cn");
        assertThat(region("https://api.z.ai/api/paas/v4").regions()).containsExactly("sg");
        assertThat(region("https://eu.openrouter.ai/api/v1").regions()).containsExactly("eu");
        ProviderRegion deepseek = region("https://API.DeepSeek.com/v1");
        assertThat(deepseek.basis()).isEqualTo(Basis.CATALOG);
        assertThat(deepseek.source()).startsWith("https://");
        assertThat(catalog.asOf()).isNotNull();
        assertThat(catalog.endpoints()).allSatisfy(e -> {
            assertThat(e.source()).as(e.host()).startsWith("https://");
            assertThat(e.regions()).as(e.host()).isNotEmpty();
            assertThat(e.note()).as(e.host()).isNotBlank();
        });
    }

    @Test
    void anUnlistedHostHasNoKnownRegionAndTheAdminsDataRegionWins() {
        ProviderRegion local = region("http://127.0.0.1:8080/v1");
        assertThat(local.known()).isFalse();
        assertThat(local.basis()).isEqualTo(Basis.UNKNOWN);
        assertThat(local.attribute()).isEqualTo("unknown");
        // A proxy in front of a provider is not the provider: only the exact host matches.
        assertThat(region("https://deepseek-proxy.example.com/v1").known()).isFalse();

        ProviderRegion euDeployment = ProviderRegion.resolve("deepseek", "https://api.deepseek.com/v1", List.of("EU"), catalog);
        assertThat(euDeployment.regions()).containsExactly("eu");
        assertThat(euDeployment.basis()).isEqualTo(Basis.CONFIGURED);
        assertThat(euDeployment.source()).isNull();
    }

    @Test
    void thePolicyRefusesAProviderOutsideItsRegionsAndOneOfUnknownRegion() {
        RegionPolicy euUs = new RegionPolicy(List.of("eu", "us"));
        assertThat(euUs.refusal(region("https://api.deepseek.com/v1").withId("deepseek")))
                .contains("provider deepseek processes data in cn, outside policy.allowedRegions [eu, us]");
        assertThat(euUs.refusal(region("https://eu.openrouter.ai/api/v1"))).isEmpty();
        // Every region a provider may process in must be allowed: [sg, global] is refused by [sg].
        assertThat(new RegionPolicy(List.of("sg")).refusal(region("https://dashscope-intl.aliyuncs.com/v1")))
                .get().asString().contains("processes data in sg, global (global not allowed)");
        assertThat(euUs.refusal(region("http://127.0.0.1:9/v1"))).get().asString()
                .contains("has no known processing region", "declare it with dataRegion");
        assertThat(RegionPolicy.ANY.refusal(region("http://127.0.0.1:9/v1"))).isEmpty();
        assertThat(RegionPolicy.ANY.refusal(region("https://api.deepseek.com"))).isEmpty();
    }

    @Test
    void narrowingIntersectsTwoRegionListsAndNullMeansNoRestriction() {
        assertThat(DataRegions.intersect(List.of("eu", "us", "sg"), List.of("US", "eu"))).containsExactly("eu", "us");
        assertThat(DataRegions.intersect(null, List.of("eu"))).containsExactly("eu");
        assertThat(DataRegions.intersect(List.of("eu"), null)).containsExactly("eu");
        assertThat(DataRegions.intersect(null, null)).isNull();
        assertThat(DataRegions.intersect(List.of("eu"), List.of("us"))).isEmpty();
        RegionPolicy narrowed = new RegionPolicy(List.of("eu", "us")).narrowedBy(new RegionPolicy(List.of("eu")));
        assertThat(narrowed.allowed()).containsExactly("eu");
        assertThat(narrowed.refusal(region("https://us.openrouter.ai/api/v1"))).isPresent();
        assertThat(RegionPolicy.ANY.narrowedBy(RegionPolicy.ANY).restricts()).isFalse();
    }

    @Test
    void badRegionNamesAreRefusedWithWhatToWrite() {
        assertThat(DataRegions.problem("eu")).isNull();
        assertThat(DataRegions.problem("eu-central")).isNull();
        assertThat(DataRegions.problem("")).contains("empty entry");
        assertThat(DataRegions.problem("Europe/Paris")).contains("'Europe/Paris' is not a region name");
        assertThat(DataRegions.problem(null)).contains("empty entry");
        assertThatThrownBy(() -> DataRegions.normalize(Arrays.asList("eu", "1x"))).hasMessageContaining("'1x'");
        assertThat(DataRegions.normalize(List.of("EU", " us ", "eu"))).containsExactly("eu", "us");
    }

    private ProviderRegion region(String baseUrl) {
        return ProviderRegion.resolve("p", baseUrl, null, catalog);
    }
}
