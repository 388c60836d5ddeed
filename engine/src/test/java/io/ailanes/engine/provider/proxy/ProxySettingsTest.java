package io.ailanes.engine.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import org.apache.hc.client5.http.auth.AuthScope;
import org.junit.jupiter.api.Test;

/** The value the hosts build (the plugin from Jenkins' proxy): credentials scoped and never printed. */
class ProxySettingsTest {

    private static final ProxySelector ONE_PROXY = ProxySelector.of(new InetSocketAddress("proxy.corp", 3128));

    @Test
    void credentialsBelongToTheirProxyOnly() {
        ProxySettings settings = ProxySettings.of(ONE_PROXY).withCredentials("Proxy.Corp", 3128, "bot", "pass-word-1");

        assertThat(settings.credentialsProvider().getCredentials(new AuthScope("proxy.corp", 3128), null)).isNotNull();
        assertThat(settings.credentialsProvider().getCredentials(new AuthScope("proxy.corp", 8080), null)).isNull();
        assertThat(settings.credentialsProvider().getCredentials(new AuthScope("api.openai.com", 443), null)).isNull();
        assertThat(settings.toString()).contains("proxy.corp:3128").doesNotContain("bot").doesNotContain("pass-word-1");
    }

    @Test
    void aBlankUserNameAddsNothing() {
        ProxySettings settings = ProxySettings.of(ONE_PROXY).withCredentials("proxy.corp", 3128, " ", "pass-word-1");

        assertThat(settings.hasCredentials()).isFalse();
        assertThat(settings.credentialsProvider()).isNull();
        assertThat(settings.secretValues()).isEmpty();
    }

    @Test
    void aProxyWithoutAPortIsRefused() {
        assertThatThrownBy(() -> ProxySettings.of(ONE_PROXY).withCredentials("proxy.corp", 0, "bot", "pass-word-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("proxy port must be between 1 and 65535, was 0");
    }

    @Test
    void theSystemDefaultIsTheJvmsSelector() {
        assertThat(ProxySettings.SYSTEM.selector()).isNull();
        assertThat(ProxySettings.SYSTEM.credentialsProvider()).isNull();
        assertThat(ProxySettings.SYSTEM.secretValues()).isEmpty();
        assertThat(ProxySettings.of(ONE_PROXY).selector().select(URI.create("https://a.io")))
                .extracting(Proxy::type).isEqualTo(List.of(Proxy.Type.HTTP));
    }
}
