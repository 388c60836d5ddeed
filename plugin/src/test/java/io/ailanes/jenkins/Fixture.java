package io.ailanes.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import io.ailanes.jenkins.config.BudgetsEntry;
import io.ailanes.jenkins.config.LaneEntry;
import io.ailanes.jenkins.config.ModelEntry;
import io.ailanes.jenkins.config.PriceEntry;
import io.ailanes.jenkins.config.ProviderEntry;
import io.ailanes.modelserver.ModelServer;
import io.ailanes.modelserver.PromptCache;
import io.ailanes.modelserver.Script;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * A Jenkins set up for AI Lanes against a {@link ModelServer}: one provider whose key is a System-scoped Secret
 * text credential, three priced models of three families, the three lanes, and scripts that plan a one-line change,
 * implement it wrongly then rightly (so the gate fails, then passes), and review it.
 */
final class Fixture {

    static final String KEY = "sk-test-jenkins-LEAKCHECK-0123456789abcdef";
    static final String CREDENTIALS_ID = "llm-key";

    /** The plan: make value.txt hold 2. The summary carries markup, which every page must escape. */
    static final String PLAN = """
            {"summary": "Make value.txt hold 2 <script>alert('plan')</script>",
             "steps": [{"description": "Write 2 into value.txt.", "files": ["value.txt"]}],
             "files": [{"path": "value.txt", "action": "modify", "why": "it holds the value"}],
             "acceptanceCriteria": ["value.txt holds 2"],
             "risks": [],
             "gates": [{"name": "check", "command": "sh check.sh"}]}""";

    static final String WRONG_EDIT = "value.txt\n<<<<<<< SEARCH\n1\n=======\n3\n>>>>>>> REPLACE\n";
    static final String RIGHT_EDIT = "value.txt\n<<<<<<< SEARCH\n3\n=======\n2\n>>>>>>> REPLACE\n";
    static final String APPROVE = """
            {"verdict": "approve", "summary": "value.txt holds 2 as planned.", "findings": []}""";
    static final String REJECT = """
            {"verdict": "request_changes", "summary": "Wrong value.", "findings": [{"severity": "high",
             "file": "value.txt", "line": 1, "category": "correctness", "message": "Holds the wrong value.",
             "suggestion": "Write 2."}]}""";

    /** Plans, implements (a fix round needed) and reviews; anything else gets a short greeting. */
    static Script script(String review) {
        return (protocol, model, prompt) -> switch (model) {
            case "planner" -> PLAN;
            case "worker" -> prompt.contains("Gate 'check' failed") ? RIGHT_EDIT : WRONG_EDIT;
            case "reviewer" -> review;
            case "slow" -> waitForever();
            default -> "hello from " + model;
        };
    }

    /** A model that never answers: the server thread waits until the provider is closed. */
    private static String waitForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "too late";
    }

    private Fixture() {}

    /**
     * The model server the tests call, on any free port, without a prompt cache: the models below are priced for
     * input and output only, and the tests read every input token as plain input.
     */
    static ModelServer start(Script script) throws IOException {
        return ModelServer.start(0, script, PromptCache.OFF);
    }

    /** The credential, and the global configuration pointing at {@code provider}. */
    static void configure(ModelServer provider) throws IOException {
        configure(provider.openAiBaseUrl(), CREDENTIALS_ID);
    }

    /** The credential, and the global configuration pointing at {@code baseUrl} with the key {@code credentialsId}. */
    static void configure(String baseUrl, String credentialsId) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                CREDENTIALS_ID, "LLM key", Secret.fromString(KEY)));
        SystemCredentialsProvider.getInstance().save();
        AiLanesGlobalConfiguration config = AiLanesGlobalConfiguration.get();
        ProviderEntry local = new ProviderEntry("local", "openai", baseUrl);
        local.setCredentialsId(credentialsId);
        config.setProviders(List.of(local));
        config.setModels(List.of(model("local/planner", "alpha", "15", "75"), model("local/worker", "beta", "0.3", "1.2"),
                model("local/reviewer", "gamma", "1.25", "10"), model("local/chat", "beta", "0.1", "0.4"),
                model("local/slow", "beta", "0.1", "0.4")));
        LaneEntry reasoning = new LaneEntry("reasoning");
        reasoning.setModels(List.of("local/planner"));
        LaneEntry execution = new LaneEntry("execution");
        execution.setModels(List.of("local/worker"));
        execution.setEscalateTo("reasoning");
        LaneEntry review = new LaneEntry("review");
        review.setModels(List.of("local/reviewer"));
        LaneEntry chat = new LaneEntry("chat");
        chat.setModels(List.of("local/chat"));
        LaneEntry slow = new LaneEntry("slow");
        slow.setModels(List.of("local/slow"));
        config.setLanes(List.of(reasoning, execution, review, chat, slow));
    }

    static void budgets(String perBuildUsd, String perJobMonthUsd) {
        BudgetsEntry budgets = new BudgetsEntry();
        budgets.setPerBuildUsd(perBuildUsd);
        budgets.setPerJobMonthUsd(perJobMonthUsd);
        AiLanesGlobalConfiguration.get().setBudgets(budgets);
    }

    private static ModelEntry model(String ref, String family, String input, String output) {
        ModelEntry model = new ModelEntry(ref);
        model.setFamily(family);
        model.setPrice(new PriceEntry(input, output));
        model.setContextWindow("200000");
        model.setMaxOutputTokens("32000");
        return model;
    }
}
