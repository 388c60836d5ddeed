package io.ailanes.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One proxy variable's value on its own ({@link EnvironmentProxiesTest} reads whole environments). */
class ProxyAddressTest {

    @Test
    void aBareHostGetsCurlsDefaultPortAndNoCredentials() {
        ProxyAddress address = ProxyAddress.parse("http_proxy", "Proxy.Corp");

        assertThat(address.host).isEqualTo("proxy.corp");
        assertThat(address.port).isEqualTo(ProxyAddress.DEFAULT_PORT).isEqualTo(1080);
        assertThat(address.username).isNull();
        assertThat(address.password).isNull();
    }

    @Test
    void credentialsAreDecodedAndTheWrittenPasswordKept() {
        ProxyAddress address = ProxyAddress.parse("HTTPS_PROXY", "http://jane%40corp:p%40ss+w@rd@[fd00::1]:3128/");

        assertThat(address.host).isEqualTo("fd00::1");
        assertThat(address.port).isEqualTo(3128);
        assertThat(address.username).isEqualTo("jane@corp");
        assertThat(address.password).isEqualTo("p@ss+w@rd");
        assertThat(address.writtenPassword).isEqualTo("p%40ss+w@rd");
        // Where, and from which variable; never who or with what password.
        assertThat(address).hasToString("[fd00::1]:3128 (HTTPS_PROXY)");
    }

    @Test
    void aRefusalNamesTheVariableNotTheValue() {
        assertThatThrownBy(() -> ProxyAddress.parse("ALL_PROXY", "http://jane:secret@proxy:70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ALL_PROXY: the proxy port is not a number from 1 to 65535")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("jane"));
    }
}
