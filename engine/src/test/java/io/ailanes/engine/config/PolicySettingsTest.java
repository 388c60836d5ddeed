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

        EditPolicy applied = new PolicySettings(List.of("deploy/**", "Jenkinsfile"), null).apply(base);

        assertThat(applied.protectedGlobs()).containsAll(EditPolicy.DEFAULT_PROTECTED)
                .contains("docs/**", "deploy/**").doesNotHaveDuplicates();
        assertThat(applied.allowedPaths()).containsExactly("src/A.java");
    }

    @Test
    void escalationIsAllowedUnlessTurnedOff() {
        assertThat(PolicySettings.DEFAULT.escalationAllowed()).isTrue();
        assertThat(new PolicySettings(null, false).escalationAllowed()).isFalse();
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
}
