package io.ailanes.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API root rule has one owner: the record refuses exactly what {@code baseUrlProblem} names, in its words, and
 * the Jenkins form shows the same message (ProviderFormRulesTest holds the form to this table).
 */
class ProviderConfigBaseUrlTest {

    /** Good API roots, and the warning each gets (null: none). */
    static Map<String, String> good() {
        Map<String, String> good = new LinkedHashMap<>();
        good.put("https://api.openai.com/v1", null);
        good.put("https://api.anthropic.com", null);
        good.put("https://generativelanguage.googleapis.com/v1beta/", null);
        good.put("http://localhost:11434/v1", null);
        good.put("http://127.0.0.1:8000/v1", null);
        good.put("http://127.8.9.10/v1", null);
        good.put("http://[::1]:8080/v1", null);
        good.put("http://LOCALHOST:4000", null);
        good.put("http://vllm.internal:8000/v1",
                "plain http sends the key unencrypted; use https except for a server on this machine");
        // A Docker Compose service name: java.net.URI sees no host in it, Apache HttpClient 5 connects to it.
        good.put("http://llm_gateway:8000/v1",
                "plain http sends the key unencrypted; use https except for a server on this machine");
        good.put("http://10.0.0.5/v1",
                "plain http sends the key unencrypted; use https except for a server on this machine");
        return good;
    }

    /** Bad API roots and what is said about each. */
    static Map<String, String> bad() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(null, "baseUrl is missing: give the provider's API root, e.g. https://api.openai.com/v1");
        bad.put("  ", "baseUrl is missing: give the provider's API root, e.g. https://api.openai.com/v1");
        bad.put("api.openai.com/v1",
                "baseUrl 'api.openai.com/v1' must be an http:// or https:// URL with a host, e.g. https://api.openai.com/v1");
        bad.put("ftp://files.example.com/v1",
                "baseUrl 'ftp://files.example.com/v1' must be an http:// or https:// URL with a host, e.g. https://api.openai.com/v1");
        bad.put("HTTPS://api.openai.com/v1",
                "baseUrl 'HTTPS://api.openai.com/v1' must be an http:// or https:// URL with a host, e.g. https://api.openai.com/v1");
        bad.put("https://", "baseUrl 'https://' is not a URL (Expected authority); give the API root,"
                + " e.g. https://api.openai.com/v1");
        bad.put("https:///v1",
                "baseUrl 'https:///v1' must be an http:// or https:// URL with a host, e.g. https://api.openai.com/v1");
        bad.put("https://api openai.com/v1", "baseUrl 'https://api openai.com/v1' is not a URL (Illegal character in"
                + " authority); give the API root, e.g. https://api.openai.com/v1");
        bad.put("http://127.0.0.1:PORT/v1", "baseUrl 'http://127.0.0.1:PORT/v1': '127.0.0.1:PORT' is not a host name"
                + " or address with an optional numeric port (letters, digits, '-', '_' and '.'), e.g. https://api.openai.com/v1");
        bad.put("http://my_host:80a/v1", "baseUrl 'http://my_host:80a/v1': 'my_host:80a' is not a host name"
                + " or address with an optional numeric port (letters, digits, '-', '_' and '.'), e.g. https://api.openai.com/v1");
        bad.put("https://user:sk-secret-123@api.openai.com/v1", "baseUrl must not hold a user or password; put the key"
                + " in a credential (credentialsId) and extra headers under headers");
        return bad;
    }

    @Test
    void goodRootsPassAndOnlyPlainHttpToAnotherMachineIsWarnedAbout() {
        good().forEach((url, warning) -> {
            assertThat(ProviderConfig.baseUrlProblem(url)).as(url).isNull();
            assertThat(ProviderConfig.baseUrlWarning(url)).as(url).isEqualTo(warning);
            assertThat(ProviderConfig.of("p", ProviderKind.OPENAI, url, null).baseUrl()).as(url)
                    .isEqualTo(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        });
    }

    @Test
    void badRootsAreRefusedByTheRecordInTheRulesWords() {
        bad().forEach((url, message) -> {
            assertThat(ProviderConfig.baseUrlProblem(url)).as(url).isEqualTo(message);
            assertThat(ProviderConfig.baseUrlWarning(url)).as(url).isNull();
            assertThatThrownBy(() -> ProviderConfig.of("p", ProviderKind.OPENAI, url, null)).as(url)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("provider 'p': " + message);
        });
    }

    @Test
    void aPasswordInTheUrlIsNeverRepeated() {
        assertThatThrownBy(() -> ProviderConfig.of("p", ProviderKind.OPENAI, "https://u:sk-secret-123@h/v1", null))
                .message().doesNotContain("sk-secret-123").doesNotContain("u:");
    }
}
