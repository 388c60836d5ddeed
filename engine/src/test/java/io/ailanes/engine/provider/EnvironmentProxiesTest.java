package io.ailanes.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.gate.GateEnvironment;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.Credentials;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentProxiesTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    /** "host:port" of the proxy chosen for the URL, or "direct". */
    private static String route(Map<String, String> environment, String url) {
        List<Proxy> proxies = EnvironmentProxies.of(environment).select(URI.create(url));
        assertThat(proxies).hasSize(1);
        Proxy proxy = proxies.get(0);
        if (proxy.type() == Proxy.Type.DIRECT) {
            return "direct";
        }
        assertThat(proxy.type()).isEqualTo(Proxy.Type.HTTP);
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        assertThat(address.isUnresolved()).as("the selector looks nothing up").isTrue();
        return address.getHostString() + ":" + address.getPort();
    }

    private static UsernamePasswordCredentials credentials(ProxySettings settings, String host, int port) {
        Credentials found = settings.credentialsProvider().getCredentials(new AuthScope(host, port), null);
        return (UsernamePasswordCredentials) found;
    }

    @Test
    void eachSchemeHasItsVariable() {
        Map<String, String> environment = env("HTTPS_PROXY", "http://secure.corp:3128", "HTTP_PROXY", "http://plain.corp:8080");

        assertThat(route(environment, "https://api.openai.com/v1")).isEqualTo("secure.corp:3128");
        assertThat(route(environment, "http://127.0.0.1:11434/v1")).isEqualTo("plain.corp:8080");
    }

    @Test
    void aSchemeWithoutAVariableGoesDirect() {
        assertThat(route(env("HTTP_PROXY", "http://plain.corp:8080"), "https://api.openai.com")).isEqualTo("direct");
        assertThat(route(env("HTTPS_PROXY", "http://secure.corp:3128"), "http://ollama:11434")).isEqualTo("direct");
    }

    @Test
    void otherSchemesGoDirect() {
        assertThat(route(env("HTTPS_PROXY", "proxy:1", "ALL_PROXY", "proxy:2"), "ftp://files.corp/x")).isEqualTo("direct");
    }

    @Test
    void lowerCaseNamesComeFirstAndAllProxyIsTheFallback() {
        assertThat(route(env("https_proxy", "lower:1", "HTTPS_PROXY", "upper:2"), "https://a.io")).isEqualTo("lower:1");
        assertThat(route(env("http_proxy", "lower:1", "HTTP_PROXY", "upper:2"), "http://a.io")).isEqualTo("lower:1");
        assertThat(route(env("ALL_PROXY", "all:3"), "https://a.io")).isEqualTo("all:3");
        assertThat(route(env("all_proxy", "all:3", "ALL_PROXY", "ALL:4"), "http://a.io")).isEqualTo("all:3");
        assertThat(route(env("HTTPS_PROXY", "https:1", "ALL_PROXY", "all:3"), "https://a.io")).isEqualTo("https:1");
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        assertThat(route(env("https_proxy", "  ", "HTTPS_PROXY", "upper:2"), "https://a.io")).isEqualTo("upper:2");
        assertThat(EnvironmentProxies.settings(env("HTTPS_PROXY", "", "HTTP_PROXY", " "))).isSameAs(ProxySettings.SYSTEM);
    }

    @Test
    void withoutProxyVariablesTheJvmDefaultStays() {
        assertThat(EnvironmentProxies.settings(env())).isSameAs(ProxySettings.SYSTEM);
        assertThat(EnvironmentProxies.settings(env("NO_PROXY", "*", "PATH", "/bin"))).isSameAs(ProxySettings.SYSTEM);
    }

    @ParameterizedTest
    @CsvSource({
        "proxy.corp:3128, proxy.corp:3128",
        "http://proxy.corp:3128, proxy.corp:3128",
        "HTTP://Proxy.Corp:3128/, proxy.corp:3128",
        "http://proxy.corp:3128/some/path?x#y, proxy.corp:3128",
        "http://proxy.corp, proxy.corp:1080",
        "proxy.corp, proxy.corp:1080",
        "http://10.1.2.3:80, 10.1.2.3:80",
        "http://[::1]:3128, ::1:3128",
        "http://[fd00::5], fd00::5:1080",
        "http://proxy_1.corp:8080, proxy_1.corp:8080",
    })
    void proxyUrls(String value, String expected) {
        assertThat(route(env("HTTPS_PROXY", value), "https://api.openai.com")).isEqualTo(expected);
    }

    @Test
    void credentialsAreDecodedAndScopedToTheirProxy() {
        ProxySettings settings = EnvironmentProxies.settings(
                env("HTTPS_PROXY", "http://DOMAIN%5Cjane:p%40ss%3Aw%2Frd%25+%E2%82%AC@proxy.corp:3128"));

        UsernamePasswordCredentials found = credentials(settings, "proxy.corp", 3128);
        assertThat(found.getUserName()).isEqualTo("DOMAIN\\jane");
        assertThat(new String(found.getUserPassword())).isEqualTo("p@ss:w/rd%+€");
        assertThat(settings.credentialsProvider().getCredentials(new AuthScope("proxy.corp", 8080), null)).isNull();
        assertThat(settings.credentialsProvider().getCredentials(new AuthScope("api.openai.com", 443), null)).isNull();
    }

    @Test
    void anUnencodedAtSignInThePasswordStillLeavesTheHost() {
        ProxySettings settings = EnvironmentProxies.settings(env("HTTPS_PROXY", "http://jane:p@ss@proxy.corp:3128"));

        assertThat(new String(credentials(settings, "proxy.corp", 3128).getUserPassword())).isEqualTo("p@ss");
        assertThat(route(env("HTTPS_PROXY", "http://jane:p@ss@proxy.corp:3128"), "https://a.io")).isEqualTo("proxy.corp:3128");
    }

    @Test
    void aUserWithoutPasswordHasAnEmptyOne() {
        ProxySettings settings = EnvironmentProxies.settings(env("HTTP_PROXY", "http://jane@proxy.corp:3128"));

        assertThat(credentials(settings, "proxy.corp", 3128).getUserPassword()).isEmpty();
        assertThat(settings.secretValues()).isEmpty();
    }

    @Test
    void eachProxyGetsItsOwnCredentials() {
        ProxySettings settings = EnvironmentProxies.settings(env(
                "HTTPS_PROXY", "http://a:secret-one@secure.corp:3128", "HTTP_PROXY", "http://b:secret-two@plain.corp:8080"));

        assertThat(credentials(settings, "secure.corp", 3128).getUserName()).isEqualTo("a");
        assertThat(credentials(settings, "plain.corp", 8080).getUserName()).isEqualTo("b");
        assertThat(settings.secretValues()).contains("secret-one", "secret-two");
    }

    @Test
    void withoutCredentialsTheClientKeepsItsDefault() {
        assertThat(EnvironmentProxies.settings(env("HTTPS_PROXY", "proxy.corp:3128")).credentialsProvider()).isNull();
        assertThat(EnvironmentProxies.settings(env("HTTPS_PROXY", "http://@proxy.corp:3128")).hasCredentials()).isFalse();
    }

    @Test
    void theSecretValuesAreThePasswordAndItsBasicToken() {
        ProxySettings settings = EnvironmentProxies.settings(env("HTTPS_PROXY", "http://jane:hunter2-long@proxy.corp:3128"));

        // "jane:hunter2-long" in Base64: what a proxy echoing Proxy-Authorization would show.
        assertThat(settings.secretValues()).containsExactly("hunter2-long", "amFuZTpodW50ZXIyLWxvbmc=");
    }

    @Test
    void anEncodedPasswordIsASecretAsWrittenToo() {
        ProxySettings settings = EnvironmentProxies.settings(env("HTTPS_PROXY", "http://jane:hunter%402-long@proxy.corp:3128"));

        assertThat(settings.secretValues()).containsExactly("hunter@2-long", "hunter%402-long", "amFuZTpodW50ZXJAMi1sb25n");
    }

    @Test
    void aProxyVariableHoldingAPasswordIsKeptFromGatesLikeAnyCredential() {
        Map<String, String> environment = env("HTTPS_PROXY", "http://jane:hunter%402-long@proxy.corp:3128",
                "http_proxy", "http://plain.corp:8080", "NO_PROXY", "localhost", "PATH", "/bin");

        Map<String, String> gates = GateEnvironment.forGates(environment, List.of(), List.of(),
                EnvironmentProxies.settings(environment).secretValues());

        assertThat(gates).containsOnlyKeys("http_proxy", "NO_PROXY", "PATH");
    }

    @Test
    void nothingSecretPrints() {
        ProxySettings settings = EnvironmentProxies.settings(env(
                "HTTPS_PROXY", "http://jane:hunter2-long@proxy.corp:3128", "NO_PROXY", "internal.corp,10.0.0.0/8"));

        assertThat(settings.toString())
                .isEqualTo("ProxySettings[environment[https: proxy.corp:3128 (HTTPS_PROXY), http: direct,"
                        + " no proxy for [internal.corp, 10.0.0.0/8]], credentials for [proxy.corp:3128]]")
                .doesNotContain("jane").doesNotContain("hunter2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "socks5://proxy:1080 | HTTPS_PROXY: proxy scheme 'socks5' is not supported",
        "https://proxy:443 | HTTPS_PROXY: a proxy reached over TLS (https://) is not supported",
        "http://proxy:99999 | HTTPS_PROXY: the proxy port is not a number from 1 to 65535",
        "http://proxy:0 | HTTPS_PROXY: the proxy port is not a number from 1 to 65535",
        "http://proxy:80a | HTTPS_PROXY: the proxy port is not a number from 1 to 65535",
        "http://:3128 | HTTPS_PROXY: no proxy host",
        "http://jane:se%2cret-word@ | HTTPS_PROXY: no proxy host",
        "http://[::1:3128 | HTTPS_PROXY: the proxy's IPv6 address lacks its closing ']'",
        "http://pro xy:3128 | HTTPS_PROXY: the proxy host is not a valid host name",
    })
    void malformedProxiesAreRefusedByName(String value, String message) {
        assertThatThrownBy(() -> EnvironmentProxies.settings(env("HTTPS_PROXY", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://jane:se%zzret-word@proxy:3128",
        "http://jane:se%2-ret-word@proxy:3128",
        "http://jane:secret-word%@proxy:3128",
        "http://jane:se%ffcret-word@proxy:3128",
        "http://jane:secret-word@pro%xy:3128",
        "socks5://jane:secret-word@proxy",
        "http://jane:secret-word@proxy:77777",
    })
    void aRefusalNeverRepeatsTheCredentials(String value) {
        assertThatThrownBy(() -> EnvironmentProxies.settings(env("https_proxy", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("https_proxy: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("jane")
                        .doesNotContain("cret-word"));
    }

    // NO_PROXY

    private static String routeWithNoProxy(String noProxy, String url) {
        return route(env("HTTPS_PROXY", "proxy:3128", "HTTP_PROXY", "proxy:3128", "NO_PROXY", noProxy), url);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a domain covers itself and its subdomains, with or without a leading '.' or '*.'
        "example.com | https://example.com/v1",
        "example.com | https://api.example.com/v1",
        "example.com | https://a.b.example.com:8443/v1",
        ".example.com | https://example.com/v1",
        ".example.com | https://api.example.com/v1",
        "*.example.com | https://api.example.com/v1",
        "*.example.com | https://example.com/v1",
        // case, spaces, trailing dots and ports do not matter
        "Example.COM | https://API.example.com",
        "a.io ,  example.com | https://example.com",
        "a.io example.com | https://example.com",
        "example.com. | https://api.example.com",
        "example.com | https://api.example.com./v1",
        "example.com:8443 | https://example.com/v1",
        "localhost | http://localhost:11434/v1",
        // everything
        "* | https://anything.io",
        "a.io,* | https://anything.io",
        // addresses and ranges, IPv4 and IPv6, with ports and brackets ignored
        "10.1.2.3 | http://10.1.2.3:8000/v1",
        "10.1.2.3:8000 | http://10.1.2.3/v1",
        "10.0.0.0/8 | http://10.200.3.4/v1",
        "192.168.0.0/16 | http://192.168.77.1/v1",
        "172.16.0.0/12 | http://172.31.255.255/v1",
        "0.0.0.0/0 | http://8.8.8.8/v1",
        "::1 | http://[::1]:11434/v1",
        "[::1] | http://[::1]:11434/v1",
        "[::1]:11434 | http://[::1]/v1",
        "fd00::/8 | http://[fd12:3456::1]/v1",
        "0:0:0:0:0:0:0:1 | http://[::1]/v1",
    })
    void bypassed(String noProxy, String url) {
        assertThat(routeWithNoProxy(noProxy, url)).isEqualTo("direct");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a suffix match is on whole labels only
        "example.com | https://notexample.com",
        "example.com | https://example.com.evil.io",
        "ample.com | https://example.com",
        "api.example.com | https://example.com",
        ".example.com | https://www.example.org",
        // names are not resolved: an address entry never matches a name, nor a name an address
        "127.0.0.1 | http://localhost:11434",
        "localhost | http://127.0.0.1:11434",
        "10.0.0.0/8 | http://ten.corp",
        // a name that ends like an address is not one
        "0.0.1 | http://10.0.0.1",
        // ranges have their length
        "10.0.0.0/8 | http://11.0.0.1",
        "192.168.0.0/16 | http://192.169.0.1",
        "172.16.0.0/12 | http://172.32.0.1",
        "10.1.2.3 | http://10.1.2.4",
        "fd00::/8 | http://[fe80::1]",
        "::1 | http://127.0.0.1",
        // not entries: a '*' inside a name, an address with a bad range, garbage
        "ex*.com | https://example.com",
        "10.0.0.0/33 | http://10.0.0.1",
        "10.0.0.0/x | http://10.0.0.1",
        "300.1.1.1 | http://10.0.0.1",
        "/ | https://a.io",
    })
    void proxied(String noProxy, String url) {
        assertThat(routeWithNoProxy(noProxy, url)).isEqualTo("proxy:3128");
    }

    @Test
    void lowerCaseNoProxyComesFirst() {
        Map<String, String> environment = env("HTTPS_PROXY", "proxy:3128", "no_proxy", "a.io", "NO_PROXY", "b.io");

        assertThat(route(environment, "https://a.io")).isEqualTo("direct");
        assertThat(route(environment, "https://b.io")).isEqualTo("proxy:3128");
    }

    @Test
    void anEmptyNoProxyBypassesNothing() {
        assertThat(routeWithNoProxy("", "https://a.io")).isEqualTo("proxy:3128");
        assertThat(routeWithNoProxy(" , ,", "https://a.io")).isEqualTo("proxy:3128");
    }

    @Test
    void ipLiteralsAreParsedWithoutLookingAnythingUp() {
        assertThat(HostLiterals.ipLiteral("10.0.0.1")).containsExactly(10, 0, 0, 1);
        assertThat(HostLiterals.ipLiteral("::1")).hasSize(16);
        assertThat(HostLiterals.ipLiteral("256.0.0.1")).isNull();
        assertThat(HostLiterals.ipLiteral("10.0.0")).isNull();
        // Hex-looking names would be resolved by InetAddress.getByName; they must not get that far.
        assertThat(HostLiterals.ipLiteral("cafe")).isNull();
        assertThat(HostLiterals.ipLiteral("dead.beef")).isNull();
        assertThat(HostLiterals.ipLiteral("fe80::1%eth0")).isNull();
    }

    @Test
    void aNullUriIsRefusedAsTheContractSays() {
        assertThatThrownBy(() -> EnvironmentProxies.of(env()).select(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
