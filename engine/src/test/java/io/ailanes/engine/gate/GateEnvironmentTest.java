package io.ailanes.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.redact.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What gates get of the host's environment (an allow-list) and what of it their output shows (nothing). */
class GateEnvironmentTest {

    static final String DEPLOY_PASS = "hunter2-deploy-pass";
    static final String DATABASE_URL = "postgres://app:db-pass-0042@db.internal:5432/app";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEJr-session-token-example";
    static final String PROVIDER_KEY = "sk-provider-key-0123456789";

    @TempDir
    Path workspace;

    /** A CI agent's environment: what builds need, and what no gate should see. */
    private Map<String, String> host() {
        Map<String, String> host = new LinkedHashMap<>();
        host.put("PATH", System.getenv("PATH"));
        host.put("HOME", workspace.getParent().toString());
        host.put("WORKSPACE", workspace.toString());
        host.put("LANG", "C.UTF-8");
        host.put("LC_ALL", "C.UTF-8");
        host.put("DEPLOY_PASS", DEPLOY_PASS);
        host.put("DATABASE_URL", DATABASE_URL);
        host.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        host.put("OPENAI_API_KEY", PROVIDER_KEY);
        host.put("SONAR_HOST_URL", "https://sonar.corp.example");
        host.put("NPM_CONFIG_REGISTRY", "https://npm.corp.example/");
        host.put("NPM_TOKEN", "npm-token-value-0042");
        return host;
    }

    private GateResult run(Map<String, String> environment, EnvironmentMask mask, String command) {
        return new GateRunner(new LocalCommandRunner(), environment, Redactor.of(PROVIDER_KEY), mask)
                .run(List.of(new Gate("env", command, null, null)), workspace).get(0);
    }

    private static List<String> names(String envOutput) {
        return envOutput.lines().filter(line -> line.indexOf('=') > 0)
                .map(line -> line.substring(0, line.indexOf('='))).toList();
    }

    @Test
    void aGateSeesPathHomeAndLocaleButNoCredential() {
        Map<String, String> gates = GateEnvironment.forGates(host(), List.of(), List.of(), List.of(PROVIDER_KEY));

        GateResult result = run(gates, EnvironmentMask.NONE, "env");

        assertThat(result.passed()).isTrue();
        assertThat(names(result.output())).contains("PATH", "HOME", "WORKSPACE", "LANG", "LC_ALL")
                .doesNotContain("DEPLOY_PASS", "DATABASE_URL", "AWS_SESSION_TOKEN", "OPENAI_API_KEY", "SONAR_HOST_URL",
                        "NPM_CONFIG_REGISTRY", "NPM_TOKEN");
        assertThat(result.output()).doesNotContain(DEPLOY_PASS, "db-pass-0042", SESSION_TOKEN, PROVIDER_KEY);
    }

    @Test
    void namesAndPrefixesTheAdminAddsPass() {
        Map<String, String> gates = GateEnvironment.forGates(host(), List.of("SONAR_HOST_URL", "NPM_CONFIG_*"),
                List.of(), List.of());

        GateResult result = run(gates, EnvironmentMask.NONE, "env");

        assertThat(names(result.output())).contains("PATH", "SONAR_HOST_URL", "NPM_CONFIG_REGISTRY")
                .doesNotContain("NPM_TOKEN", "DEPLOY_PASS", "OPENAI_API_KEY");
        assertThat(result.output()).contains("SONAR_HOST_URL=https://sonar.corp.example");
    }

    @Test
    void aProviderKeyNeverPassesEvenWhenTheAdminNamesIt() {
        Map<String, String> host = host();
        host.put("MY_KEY", "sk-configured-0123456789");
        host.put("JAVA_HOME", "/opt/jdk-" + PROVIDER_KEY);

        Map<String, String> gates = GateEnvironment.forGates(host, List.of("OPENAI_*", "MY_KEY"), List.of("MY_KEY"),
                List.of(PROVIDER_KEY));

        assertThat(gates).doesNotContainKeys("OPENAI_API_KEY", "MY_KEY", "JAVA_HOME");
    }

    @Test
    void optionVariablesAndProxiesThatHoldCredentialsAreLeftOutWhole() {
        Map<String, String> host = new LinkedHashMap<>();
        host.put("MAVEN_OPTS", "-Xmx2g -Djavax.net.ssl.trustStorePassword=changeit");
        host.put("JAVA_TOOL_OPTIONS", "-Dfile.encoding=UTF-8");
        host.put("GRADLE_OPTS", "-Dorg.gradle.project.deployToken=abc");
        host.put("NODE_OPTIONS", "--max-old-space-size=4096");
        host.put("HTTPS_PROXY", "http://jane:pw-0042@proxy.corp:3128");
        host.put("http_proxy", "http://proxy.corp:3128");
        host.put("ALL_PROXY", "jane@proxy.corp:1080");
        host.put("NO_PROXY", "localhost,.corp");

        assertThat(GateEnvironment.forGates(host, List.of(), List.of(), List.of(), false))
                .containsOnlyKeys("JAVA_TOOL_OPTIONS", "NODE_OPTIONS", "http_proxy", "NO_PROXY");
    }

    @Test
    void namesMatchExactlyOnUnixAndIgnoringCaseOnWindows() {
        Map<String, String> host = new LinkedHashMap<>();
        host.put("Path", "C:\\Windows\\system32");
        host.put("SYSTEMROOT", "C:\\Windows");
        host.put("npm_config_cache", "C:\\cache");
        host.put("Openai_Api_Key", PROVIDER_KEY);

        assertThat(GateEnvironment.forGates(host, List.of("NPM_CONFIG_*"), List.of(), List.of(), true))
                .containsOnlyKeys("Path", "SYSTEMROOT", "npm_config_cache");
        assertThat(GateEnvironment.forGates(host, List.of("NPM_CONFIG_*"), List.of(), List.of(), false)).isEmpty();
    }

    @Test
    void configuredEntriesAreNamesOrPrefixes() {
        assertThat(GateEnvironment.problem("NPM_CONFIG_*")).isNull();
        assertThat(GateEnvironment.problem("_JAVA_OPTIONS")).isNull();
        assertThat(GateEnvironment.problem("*")).contains("whole environment");
        assertThat(GateEnvironment.problem("A-B")).contains("not a variable name");
        assertThat(GateEnvironment.problem("*_TOKEN")).contains("not a variable name");
        assertThat(GateEnvironment.problem(" ")).isEqualTo("empty entry");
    }

    @Test
    void whatAGatePrintsOfWithheldValuesIsMaskedInGatesXmlAndFeedback() throws Exception {
        Map<String, String> host = host();
        Files.writeString(workspace.resolve("config.properties"), "deploy.password=" + DEPLOY_PASS + "\n");
        Files.createDirectories(workspace.resolve("src"));
        String command = "cat config.properties; echo 'db: " + DATABASE_URL + "'; echo \"token: " + SESSION_TOKEN
                + "\"; echo \"$(pwd)/src/A.java:3: error: ';' expected\"; exit 1";
        GateRunner runner = new GateRunner(new LocalCommandRunner(),
                GateEnvironment.forGates(host, List.of(), List.of(), List.of()), Redactor.of(PROVIDER_KEY),
                EnvironmentMask.of(host));

        List<GateResult> results = runner.run(List.of(new Gate("build", command, null, null)), workspace);
        Path xml = workspace.resolve("gates.xml");
        GatesXml.write(List.of(new GatesXml.Round(1, results)), xml);
        String feedback = GateFeedback.of(results, 2_000);

        for (String kept : List.of(results.get(0).output(), Files.readString(xml), feedback)) {
            assertThat(kept).contains("deploy.password=[ENV:DEPLOY_PASS]", "db: [ENV:DATABASE_URL]",
                            "token: [ENV:AWS_SESSION_TOKEN]", "[ENV:WORKSPACE]/src/A.java:3: error")
                    .doesNotContain(DEPLOY_PASS, "db-pass-0042", SESSION_TOKEN, workspace.toString());
        }
        assertThat(results.get(0).gate().command()).contains("[ENV:DATABASE_URL]").doesNotContain("db-pass-0042");
    }

    @Test
    void failingTestMessagesAreMaskedToo() {
        Map<String, String> host = host();
        GateResult result = GateRunner.result(new Gate("test", "mvn test", null, "**/*.xml"),
                new CommandResult(1, false, java.time.Duration.ofSeconds(1), "", 0),
                new JUnitCounts(1, 1, 0, 0, List.of("a.BTest.t: expected <" + DEPLOY_PASS + ">")),
                Redactor.of(PROVIDER_KEY), EnvironmentMask.of(host));

        assertThat(result.junit().failing()).containsExactly("a.BTest.t: expected <[ENV:DEPLOY_PASS]>");
    }
}
