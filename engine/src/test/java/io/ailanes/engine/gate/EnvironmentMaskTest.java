package io.ailanes.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Host environment values in gate output become [ENV:NAME]. */
class EnvironmentMaskTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theLongestValueWinsSoAWorkspacePathIsNotShownAsHome() {
        EnvironmentMask mask = EnvironmentMask.of(env("HOME", "/home/jenkins", "WORKSPACE", "/home/jenkins/ws/app"));

        assertThat(mask.mask("/home/jenkins/ws/app/src/A.java:3: error\nsettings in /home/jenkins/.m2"))
                .isEqualTo("[ENV:WORKSPACE]/src/A.java:3: error\nsettings in [ENV:HOME]/.m2");
    }

    @Test
    void shortValuesAndNumbersAreLeft() {
        EnvironmentMask mask = EnvironmentMask.of(env("USER", "jenkins", "BUILD_TIMESTAMP", "1733500000000",
                "CI", "true", "DEPLOY_PASS", "12345678a"));

        assertThat(mask.mask("jenkins ran 1733500000000 true 12345678a"))
                .isEqualTo("jenkins ran 1733500000000 true [ENV:DEPLOY_PASS]");
        assertThat(mask.size()).isEqualTo(1);
    }

    @Test
    void aValueOverlappingTheEndOfAMaskedOneIsMaskedWithIt() {
        EnvironmentMask mask = EnvironmentMask.of(env("A", "prefix-shared", "SECRET", "shared-secret-tail"));

        assertThat(mask.mask("x prefix-shared-secret-tail y")).isEqualTo("x [ENV:A][ENV:SECRET] y");
        assertThat(mask.mask("shared-secret-tail")).isEqualTo("[ENV:SECRET]");
    }

    @Test
    void aValueHeldByManyNamesShowsAnAllowedNameFirst() {
        EnvironmentMask mask = EnvironmentMask.of(env("PWD", "/srv/ws/app", "WORKSPACE", "/srv/ws/app"),
                env("ZZ", "value-12345", "AA", "value-12345"));

        assertThat(mask.mask("/srv/ws/app value-12345")).isEqualTo("[ENV:WORKSPACE] [ENV:AA]");
    }

    @Test
    void valuesSharingPrefixesAndSuffixesAreAllFound() {
        EnvironmentMask mask = EnvironmentMask.of(env("A", "abcdefgh", "B", "cdefghij", "C", "xxabcdefghyy",
                "D", "defghijk"));

        assertThat(mask.mask("abcdefgh|cdefghij|xxabcdefghyy|zdefghijkz|abcdefghijk"))
                .isEqualTo("[ENV:A]|[ENV:B]|[ENV:C]|z[ENV:D]z|[ENV:A][ENV:B][ENV:D]");
    }

    @Test
    void maskingIsLinearOnHostileText() {
        String path = "/usr/local/bin:".repeat(40);
        EnvironmentMask mask = EnvironmentMask.of(env("PATH", path + "end", "X", "a".repeat(2_000) + "b"));
        String text = "/usr/local/bin:".repeat(200_000) + "a".repeat(1_000_000);

        long start = System.nanoTime();
        String masked = mask.mask(text);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(masked).isEqualTo(text);
        assertThat(mask.mask("x" + path + "end" + "y")).isEqualTo("x[ENV:PATH]y");
    }

    @Test
    void noValuesMeansTheTextAsIs() {
        assertThat(EnvironmentMask.NONE.mask("anything at all")).isEqualTo("anything at all");
        assertThat(EnvironmentMask.of(env()).mask("")).isEmpty();
    }
}
