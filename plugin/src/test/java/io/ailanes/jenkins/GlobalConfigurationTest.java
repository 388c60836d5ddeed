package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import io.ailanes.jenkins.config.HeaderEntry;
import io.ailanes.jenkins.config.PolicyEntry;
import io.ailanes.jenkins.config.ProviderEntry;
import io.ailanes.jenkins.config.TimeoutsEntry;
import io.ailanes.modelserver.ModelServer;
import java.nio.file.Files;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

/** The "AI Lanes" section of Manage Jenkins » System: form round trip, permissions, and the connection test. */
@WithJenkins
class GlobalConfigurationTest {

    @Test
    void theConfigurationSurvivesTheForm(JenkinsRule r) throws Exception {
        Fixture.configure("http://127.0.0.1:9/v1", Fixture.CREDENTIALS_ID);
        Fixture.budgets("5", "100");
        ProviderEntry provider = AiLanesGlobalConfiguration.get().getProviders().get(0);
        provider.setHeaders(List.of(new HeaderEntry("X-Title", Secret.fromString("AI Lanes"))));
        TimeoutsEntry timeouts = new TimeoutsEntry();
        timeouts.setFirstByte("2m");
        provider.setTimeouts(timeouts);
        PolicyEntry policy = new PolicyEntry();
        policy.setProtectedPaths(List.of("deploy/**", "ops/**"));
        policy.setAllowEscalation(false);
        policy.setGateEnvironment(List.of("SONAR_HOST_URL", "NPM_CONFIG_*"));
        AiLanesGlobalConfiguration.get().setPolicy(policy);
        AiLanesGlobalConfiguration.get().setAudit("full");
        AiLanesConfig before = AiLanesGlobalConfiguration.get().toConfig();

        r.configRoundtrip();

        assertEquals(before, AiLanesGlobalConfiguration.get().toConfig());
    }

    @Test
    void onlyAdministratorsValidateOrSeeTheCredentials(JenkinsRule r) throws Exception {
        Fixture.configure("http://127.0.0.1:9/v1", Fixture.CREDENTIALS_ID);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
        ProviderEntry.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(ProviderEntry.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            ListBoxModel items = descriptor.doFillCredentialsIdItems("chosen-before");
            assertEquals(List.of("chosen-before"), items.stream().map(option -> option.value).toList());
            assertThrows(AccessDeniedException.class, () -> descriptor.doCheckBaseUrl("https://api.openai.com/v1"));
            assertThrows(AccessDeniedException.class, () -> descriptor.doTestConnection("local", "openai",
                    "http://127.0.0.1:9/v1", Fixture.CREDENTIALS_ID, "", "", "chat"));
        }
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            ListBoxModel items = descriptor.doFillCredentialsIdItems("");
            assertTrue(items.stream().anyMatch(option -> option.value.equals(Fixture.CREDENTIALS_ID)));
            assertEquals(FormValidation.Kind.WARNING, descriptor.doCheckBaseUrl("http://api.example.com/v1").kind);
        }
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("admin");
        WebResponse get = wc.goTo("descriptorByName/" + ProviderEntry.class.getName() + "/checkBaseUrl?value=x", null)
                .getWebResponse();
        // @POST: a GET finds no handler (Stapler cancels the dispatch).
        assertTrue(get.getStatusCode() >= 400, "validation answers POST only, got " + get.getStatusCode());
    }

    @Test
    void theConnectionTestMakesOneCallAndShowsModelLatencyAndCost(JenkinsRule r) throws Exception {
        try (ModelServer provider = Fixture.start(Fixture.script(Fixture.APPROVE))) {
            Fixture.configure(provider);
            ProviderEntry.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(ProviderEntry.DescriptorImpl.class);

            FormValidation ok = descriptor.doTestConnection("local", "openai", provider.openAiBaseUrl(),
                    Fixture.CREDENTIALS_ID, "", "", "chat");
            FormValidation unpriced = descriptor.doTestConnection("local", "openai", provider.openAiBaseUrl(),
                    Fixture.CREDENTIALS_ID, "", "", "no-such-model");

            assertEquals(FormValidation.Kind.OK, ok.kind, ok.getMessage());
            assertTrue(ok.getMessage().contains("Connected: local/chat answered in "), ok.getMessage());
            assertTrue(ok.getMessage().contains(" ms for $"), ok.getMessage());
            assertEquals(1, provider.bodies().size());
            assertEquals(FormValidation.Kind.ERROR, unpriced.kind);
            assertEquals(1, provider.bodies().size(), "an unpriced model is refused before any call");
        }
    }

    @Test
    void theSystemPageSavesWithNothingConfiguredForAiLanes(JenkinsRule r) throws Exception {
        HtmlPage page = r.createWebClient().goTo("manage/configure");
        assertTrue(page.asNormalizedText().contains("AI Lanes"), "the section renders");

        r.configRoundtrip();

        assertTrue(AiLanesGlobalConfiguration.get().getProviders().isEmpty());
    }

    @Test
    void anInvalidConfigurationIsRefusedWholeAndTheSavedOneStays(JenkinsRule r) throws Exception {
        Fixture.configure("http://127.0.0.1:9/v1", Fixture.CREDENTIALS_ID);
        Fixture.budgets("5", "100");
        AiLanesGlobalConfiguration global = AiLanesGlobalConfiguration.get();
        AiLanesConfig before = global.toConfig();
        String onDisk = Files.readString(global.configFile());
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = wc.goTo("manage/configure").getFormByName("config");
        form.getInputsByName("_.perBuildUsd").get(0).setValue("-3");
        form.getInputsByName("_.ref").get(0).setValue("local/plannerr");

        HtmlPage answer = r.submit(form);

        assertTrue(answer.getWebResponse().getStatusCode() >= 400, "refused: " + answer.getWebResponse().getStatusCode());
        String text = answer.asNormalizedText();
        assertTrue(text.contains("The AI Lanes configuration was not saved: it has 2 problems"), text);
        assertTrue(text.contains("budgets.perBuildUsd: a cap must be a positive amount of USD, was -3"), text);
        // The model entry is renamed, so the lane naming it no longer finds it.
        assertTrue(text.contains("lanes.reasoning[0]: unknown model \"local/planner\"; did you mean \"local/plannerr\"?"),
                text);
        assertEquals(before, AiLanesGlobalConfiguration.get().toConfig(), "nothing changed in memory");
        assertEquals(onDisk, Files.readString(global.configFile()), "nothing changed on disk");
    }

    @Test
    void theConnectionTestNamesTheTestModelNotAnInternalLane(JenkinsRule r) throws Exception {
        Fixture.configure("http://127.0.0.1:9/v1", Fixture.CREDENTIALS_ID);
        ProviderEntry.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(ProviderEntry.DescriptorImpl.class);

        FormValidation unknown = descriptor.doTestConnection("local", "openai", "http://127.0.0.1:9/v1",
                Fixture.CREDENTIALS_ID, "", "", "no-such-model");

        assertEquals(FormValidation.Kind.ERROR, unknown.kind);
        assertTrue(unknown.getMessage().contains("test model: unknown model"), unknown.getMessage());
        assertTrue(!unknown.getMessage().contains("connection-test"), unknown.getMessage());
    }
}
