package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.ProxyConfiguration;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.ailanes.jenkins.config.ProviderEntry;
import io.ailanes.modelserver.ModelServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Provider calls honour Manage Jenkins » System » HTTP Proxy Configuration: through the proxy with its credentials,
 * directly for its no-proxy hosts, the connection test too. A {@link ModelServer} on loopback plays the proxy for a
 * provider URL that cannot resolve, so an answer proves the call went through it.
 */
@WithJenkins
class ProxyConfigurationTest {

    private static final String PASSWORD = "proxy-LEAKCHECK-pass-4711";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString(("bot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String UNRESOLVABLE = "http://provider.invalid/v1";

    private ModelServer proxy;

    @BeforeEach
    void start() throws Exception {
        proxy = Fixture.start(Fixture.script(Fixture.APPROVE));
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private WorkflowRun run(JenkinsRule r, String script, Result expected) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, p);
    }

    @Test
    void stepsCallThroughTheProxyAndAnswerItsChallenge(JenkinsRule r) throws Exception {
        Fixture.configure(UNRESOLVABLE, Fixture.CREDENTIALS_ID);
        r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), "bot", PASSWORD));
        proxy.requireProxyAuthorization(BASIC);

        WorkflowRun b = run(r, "echo aiCall(prompt: 'hi', lane: 'chat')", Result.SUCCESS);

        r.assertLogContains("hello from chat", b);
        assertEquals(List.of(UNRESOLVABLE + "/chat/completions", UNRESOLVABLE + "/chat/completions"), proxy.targets());
        assertEquals(Arrays.asList(null, BASIC), proxy.proxyAuthorizations());
        assertEquals("Bearer " + Fixture.KEY, proxy.authorizations().get(0));
        r.assertLogNotContains(PASSWORD, b);
        assertNoPasswordIn(new File(b.getRootDir(), "ai-lanes"));
    }

    @Test
    void rejectedProxyCredentialsFailTheStepWithoutShowingThem(JenkinsRule r) throws Exception {
        Fixture.configure(UNRESOLVABLE, Fixture.CREDENTIALS_ID);
        r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), "bot", PASSWORD));
        proxy.requireProxyAuthorization("Basic not-what-is-sent");

        WorkflowRun b = run(r, "aiCall prompt: 'hi', lane: 'chat'", Result.FAILURE);

        r.assertLogContains("HTTP 407 authentication failed", b);
        r.assertLogNotContains(PASSWORD, b);
        r.assertLogNotContains(BASIC.substring("Basic ".length()), b);
        assertNoPasswordIn(new File(b.getRootDir(), "ai-lanes"));
    }

    @Test
    void noProxyHostsAreCalledDirectly(JenkinsRule r) throws Exception {
        try (ModelServer provider = Fixture.start(Fixture.script(Fixture.APPROVE))) {
            Fixture.configure(provider);
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), null, null, "localhost|127.0.0.*"));

            run(r, "echo aiCall(prompt: 'hi', lane: 'chat')", Result.SUCCESS);

            assertEquals(1, provider.bodies().size());
            assertTrue(proxy.targets().isEmpty(), "the proxy saw " + proxy.targets());
        }
    }

    @Test
    void theConnectionTestGoesThroughTheProxy(JenkinsRule r) throws Exception {
        Fixture.configure(UNRESOLVABLE, Fixture.CREDENTIALS_ID);
        r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), "bot", PASSWORD));
        proxy.requireProxyAuthorization(BASIC);
        ProviderEntry.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(ProviderEntry.DescriptorImpl.class);

        FormValidation ok = descriptor.doTestConnection("local", "openai", UNRESOLVABLE, Fixture.CREDENTIALS_ID, "", "",
                "chat");

        assertEquals(FormValidation.Kind.OK, ok.kind, ok.getMessage());
        assertEquals(UNRESOLVABLE + "/chat/completions", proxy.targets().get(proxy.targets().size() - 1));
        assertFalse(ok.getMessage().contains(PASSWORD));
    }

    /** The build's audit and reports, and every step output kept with the build. */
    private static void assertNoPasswordIn(File dir) throws Exception {
        assertTrue(new File(dir, "audit.jsonl").isFile(), "no audit in " + dir);
        assertNoPasswordInTree(dir);
    }

    private static void assertNoPasswordInTree(File dir) throws Exception {
        File[] files = dir.listFiles();
        for (File file : files == null ? new File[0] : files) {
            if (file.isDirectory()) {
                assertNoPasswordInTree(file);
            } else {
                String text = Files.readString(file.toPath(), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(PASSWORD), file + " holds the proxy password");
                assertFalse(text.contains(BASIC.substring("Basic ".length())), file + " holds the proxy token");
            }
        }
    }
}
