package io.ailanes.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.edit.EditPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin's policy: protected paths added to the built-in ones, escalation allowed or not. */
class PolicySettingsTest {

    @TempDir
    Path dir;

    @Test
    void protectedPathsAddToTheBuiltInOnesWhichStay() {
        EditPolicy base = EditPolicy.forPlan(Set.of("src/A.java")).withProtectedGlobs(List.of("docs/**"));

        EditPolicy applied = new PolicySettings(List.of("deploy/**", "Jenkinsfile"), null, null, null).apply(base);

        assertThat(applied.protectedGlobs()).containsAll(EditPolicy.DEFAULT_PROTECTED)
                .contains("docs/**", "deploy/**").doesNotHaveDuplicates();
        assertThat(applied.allowedPaths()).containsExactly("src/A.java");
    }

    @Test
    void sensitiveBuildFilesAreRefusedUnlessTheYamlAllowsThemAndBadGlobsAreListedWithTheirPath() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "policy:\n  allowSensitive: ['pom.xml', 'web/package.json']\n");
        AiLanesConfig read = ConfigLoader.read(config);
        EditPolicy base = EditPolicy.forPlan(Set.of("pom.xml", "web/package.json", "Makefile"))
                .withSensitiveAllowed(List.of("Makefile")); // a CLI user's --allow-sensitive

        EditPolicy applied = read.policy().apply(base);

        assertThat(applied.neverEditable("pom.xml")).isEmpty();
        assertThat(applied.neverEditable("web/package.json")).isEmpty();
        assertThat(applied.neverEditable("Makefile")).isEmpty();
        assertThat(applied.neverEditable("lib/pom.xml")).hasValueSatisfying(why -> assertThat(why).contains("SENSITIVE_PATH"));
        assertThat(PolicySettings.DEFAULT.apply(EditPolicy.forPlan(Set.of("pom.xml"))).neverEditable("pom.xml"))
                .hasValueSatisfying(why -> assertThat(why).contains("policy.allowSensitive"));
        Files.writeString(config, "policy:\n  allowSensitive: ['pom.xml', ' ']\n  protectedPaths: ['']\n");
        assertThat(ValidatedConfig.problems(ConfigLoader.read(config), config))
                .containsExactly("policy.protectedPaths[0]: empty entry", "policy.allowSensitive[1]: empty entry");
    }

    @Test
    void escalationIsAllowedUnlessTurnedOff() {
        assertThat(PolicySettings.DEFAULT.escalationAllowed()).isTrue();
        assertThat(new PolicySettings(null, false, null, null).escalationAllowed()).isFalse();
    }

    @Test
    void theYamlPolicyIsReadAndEmptyEntriesAreReportedWithTheirPath() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "policy:\n  protectedPaths: ['deploy/**', ' ']\n  allowEscalation: false\n");

        AiLanesConfig read = ConfigLoader.read(config);

        assertThat(read.policy().protectedPaths()).isEqualTo(Arrays.asList("deploy/**", " "));
        assertThat(read.policy().escalationAllowed()).isFalse();
        assertThatThrownBy(() -> ValidatedConfig.validate(read, config, id -> java.util.Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("policy.protectedPaths[1]: empty entry");
    }

    @Test
    void gateEnvironmentNamesAreReadAndEveryBadOneIsReportedWithItsPath() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "policy:\n  gateEnvironment: [NPM_CONFIG_*, SONAR_HOST_URL, 'BAD NAME', '', '*',"
                + " '1ST', 'A*B']\n");

        AiLanesConfig read = ConfigLoader.read(config);

        assertThat(read.policy().gateEnvironment())
                .containsExactly("NPM_CONFIG_*", "SONAR_HOST_URL", "BAD NAME", "", "*", "1ST", "A*B");
        assertThat(ValidatedConfig.problems(read, config)).containsExactly(
                "policy.gateEnvironment[2]: 'BAD NAME' is not a variable name (letters, digits and _, not starting with"
                        + " a digit), optionally followed by * for a prefix, e.g. NPM_CONFIG_*",
                "policy.gateEnvironment[3]: empty entry",
                "policy.gateEnvironment[4]: '*' would pass the whole environment; name the variables, or a prefix"
                        + " such as NPM_CONFIG_*",
                "policy.gateEnvironment[5]: '1ST' is not a variable name (letters, digits and _, not starting with"
                        + " a digit), optionally followed by * for a prefix, e.g. NPM_CONFIG_*",
                "policy.gateEnvironment[6]: 'A*B' is not a variable name (letters, digits and _, not starting with"
                        + " a digit), optionally followed by * for a prefix, e.g. NPM_CONFIG_*");
    }

    @Test
    void noGateEnvironmentMeansTheBuiltInNamesOnly() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "policy:\n  allowEscalation: true\n");

        assertThat(ConfigLoader.read(config).policy().gateEnvironment()).isEmpty();
        assertThat(PolicySettings.DEFAULT.gateEnvironment()).isEmpty();
    }
}
