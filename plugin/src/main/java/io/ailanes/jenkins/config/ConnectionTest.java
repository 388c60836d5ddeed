package io.ailanes.jenkins.config;

import hudson.Util;
import hudson.util.FormValidation;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.budget.InMemoryLedgerStore;
import io.ailanes.engine.budget.Usd;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.LaneSettings;
import io.ailanes.engine.config.ProviderSettings;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.Console;
import io.ailanes.jenkins.run.JenkinsProxy;
import io.ailanes.jenkins.run.JenkinsSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The "Test connection" button: one short call to one model of one provider, through the engine like any step
 * (prices, retries, redaction), on a throw-away ledger and audit. Shows the model, latency and cost.
 */
final class ConnectionTest {

    private static final Logger LOGGER = Logger.getLogger(ConnectionTest.class.getName());
    private static final String LANE = "connection-test";

    private ConnectionTest() {}

    static FormValidation run(ProviderSettings provider, String model) {
        if (provider.id() == null) {
            return FormValidation.error("Give the provider an id first");
        }
        if (model == null) {
            return FormValidation.error("Name the model to test, e.g. gpt-5-mini (without the provider id)");
        }
        AiLanesGlobalConfiguration global = AiLanesGlobalConfiguration.get();
        AiLanesConfig saved;
        try {
            saved = global.toConfig();
        } catch (IllegalArgumentException e) {
            saved = new AiLanesConfig(null, null, null, null, null, null, null, null);
        }
        String ref = provider.id() + "/" + model;
        AiLanesConfig config = new AiLanesConfig(List.of(provider), saved.models(), List.of(),
                List.of(new LaneSettings(LANE, List.of(ref), null, null, null)), null, null, null, "hashes");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ai-lanes-connection-test");
            // Through Jenkins' proxy like the steps, so the test says whether the builds will get through.
            try (AiRun run = AiRun.open(config, global.configFile(), new JenkinsSecrets(null), new AiRun.Options(LANE,
                    LANE, dir, null, AuditMode.HASHES, new InMemoryLedgerStore(), Console.NONE, Clock.systemUTC(),
                    JenkinsProxy.settings()))) {
                RoutedResponse answer = run.call("test", LANE, ChatRequest.builder("routed")
                        .user("Reply with the single word: ok").maxOutputTokens(32).build(), 32, null, CallListener.NONE,
                        Cancellation.none(), Map.of());
                return FormValidation.ok("Connected: " + answer.model() + " answered in "
                        + answer.response().latency().toMillis() + " ms for " + Usd.format(answer.cost().total()) + " ("
                        + answer.response().usage().totalInputTokens() + " input, "
                        + answer.response().usage().totalOutputTokens() + " output tokens)");
            }
        } catch (ConfigException e) {
            // Problems are worded for the whole configuration; here they are about this provider and the test model.
            return FormValidation.error(String.join("; ", e.problems().stream()
                    .map(p -> p.replace("lanes." + LANE + "[0]: ", "test model: ").replace("providers[0].", ""))
                    .toList()));
        } catch (IOException | RuntimeException e) {
            // Engine messages are redacted (no key in them); the stack trace goes to the log only.
            LOGGER.log(Level.FINE, "connection test of " + ref + " failed", e);
            return FormValidation.error("The call to " + ref + " failed: " + e.getMessage());
        } finally {
            if (dir != null) {
                try {
                    Util.deleteRecursive(dir.toFile());
                } catch (IOException e) {
                    LOGGER.log(Level.FINE, "cannot delete " + dir, e);
                }
            }
        }
    }
}
