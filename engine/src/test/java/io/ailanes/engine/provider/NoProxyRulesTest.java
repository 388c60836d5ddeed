package io.ailanes.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NO_PROXY entries on their own, without a selector ({@link EnvironmentProxiesTest} routes URLs through them). */
class NoProxyRulesTest {

    @Test
    void unsetMatchesNothingAndSaysNothing() {
        NoProxyRules rules = NoProxyRules.parse(null);

        assertThat(rules.matches("example.com")).isFalse();
        assertThat(rules.matches("10.0.0.1")).isFalse();
        assertThat(rules).hasToString("");
    }

    @Test
    void domainsAndRangesAreKeptAndIgnoredEntriesDropped() {
        NoProxyRules rules = NoProxyRules.parse(" .Corp.Example, 10.0.0.0/8 ex*.com [::1]:11434 10.0.0.0/33");

        assertThat(rules).hasToString(", no proxy for [corp.example, 10.0.0.0/8, ::1]");
        assertThat(rules.matches("git.corp.example")).isTrue();
        assertThat(rules.matches("[::1]")).isTrue();
        assertThat(rules.matches("10.255.0.1")).isTrue();
        assertThat(rules.matches("11.0.0.1")).isFalse();
        assertThat(rules.matches("example.com")).isFalse();
    }

    @Test
    void aStarCoversEveryHost() {
        NoProxyRules rules = NoProxyRules.parse("a.io,*");

        assertThat(rules.matches("anything.io")).isTrue();
        assertThat(rules).hasToString(", no proxy for any host");
    }

    @Test
    void aRangeBoundaryInsideAByteIsExact() {
        NoProxyRules rules = NoProxyRules.parse("172.16.0.0/12");

        assertThat(rules.matches("172.16.0.0")).isTrue();
        assertThat(rules.matches("172.31.255.255")).isTrue();
        assertThat(rules.matches("172.15.255.255")).isFalse();
        assertThat(rules.matches("172.32.0.0")).isFalse();
    }
}
