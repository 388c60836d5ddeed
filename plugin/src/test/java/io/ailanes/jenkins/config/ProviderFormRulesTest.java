package io.ailanes.jenkins.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.Util;
import hudson.util.FormValidation;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The provider form applies the engine's rules: it refuses the ids and API roots a build would refuse, in the
 * engine's words, and lists the engine's kinds.
 */
@WithJenkins
class ProviderFormRulesTest {

    @Test
    void theIdCheckIsTheEnginesAndTheKindsAreItsKinds(JenkinsRule r) {
        ProviderEntry.DescriptorImpl form = r.jenkins.getDescriptorByType(ProviderEntry.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.OK, form.doCheckId("openai").kind);
        FormValidation upper = form.doCheckId("OpenAI");
        assertEquals(FormValidation.Kind.ERROR, upper.kind);
        assertEquals("provider id &#039;OpenAI&#039; must be lower-case letters, digits, &#039;.&#039;, &#039;_&#039; or"
                + " &#039;-&#039; (at most 64), starting with a letter or digit", upper.getMessage());
        assertEquals(FormValidation.Kind.ERROR, form.doCheckId("a/b").kind);
        assertEquals(FormValidation.Kind.ERROR, form.doCheckId(" ").kind);

        List<String> kinds = new ArrayList<>();
        for (ListBoxModel.Option option : form.doFillKindItems()) {
            kinds.add(option.value + "=" + option.name);
        }
        assertEquals(List.of("openai=OpenAI-compatible (OpenAI, DeepSeek, Qwen, Kimi, GLM, OpenRouter, Groq, vLLM, Ollama,"
                + " LiteLLM)", "anthropic=Anthropic Messages", "gemini=Google Gemini"), kinds);
    }

    @Test
    void theBaseUrlCheckIsTheEnginesInItsWords(JenkinsRule r) {
        ProviderEntry.DescriptorImpl form = r.jenkins.getDescriptorByType(ProviderEntry.DescriptorImpl.class);
        // Good, warned and bad roots; the form trims what it is given, as the entry does when it keeps the value.
        List<String> urls = java.util.Arrays.asList("https://api.openai.com/v1", " https://api.anthropic.com ",
                "http://localhost:11434/v1", "http://127.0.0.1:8000/v1", "http://[::1]:8080/v1",
                "http://vllm.internal:8000/v1", "http://10.0.0.5/v1", null, "", "   ", "api.openai.com/v1",
                "ftp://files.example.com/v1", "HTTPS://api.openai.com/v1", "https://", "https:///v1",
                "https://api openai.com/v1", "https://user:sk-secret-123@api.openai.com/v1", "<b>x</b>",
                "http://127.0.0.1:PORT/v1");
        int errors = 0;
        int warnings = 0;
        for (String url : urls) {
            String kept = Util.fixEmptyAndTrim(url);
            String problem = ProviderConfig.baseUrlProblem(kept);
            String warning = ProviderConfig.baseUrlWarning(kept);
            FormValidation verdict = form.doCheckBaseUrl(url);
            if (problem != null) {
                errors++;
                assertEquals(FormValidation.Kind.ERROR, verdict.kind, url);
                assertEquals(Util.escape(problem), verdict.getMessage(), url);
                // What a build does with the same value: the record refuses it with the same words.
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> ProviderConfig.of("p", ProviderKind.OPENAI, kept, null), url);
                assertEquals("provider 'p': " + problem, refused.getMessage());
            } else if (warning != null) {
                warnings++;
                assertEquals(FormValidation.Kind.WARNING, verdict.kind, url);
                assertEquals(Util.escape(warning), verdict.getMessage(), url);
            } else {
                assertEquals(FormValidation.Kind.OK, verdict.kind, url);
                assertEquals(kept.replaceAll("/$", ""), ProviderConfig.of("p", ProviderKind.OPENAI, kept, null).baseUrl());
            }
        }
        assertEquals(12, errors);
        assertEquals(2, warnings);
        // Untrusted text in the message is escaped, and a password in the URL is never repeated.
        assertEquals(FormValidation.Kind.ERROR, form.doCheckBaseUrl("<b>x</b>").kind);
        assertFalse(form.doCheckBaseUrl("<b>x</b>").getMessage().contains("<b>"));
        assertFalse(form.doCheckBaseUrl("https://user:sk-secret-123@api.openai.com/v1").getMessage().contains("sk-secret"));
        assertEquals("baseUrl is missing: give the provider&#039;s API root, e.g. https://api.openai.com/v1",
                form.doCheckBaseUrl("").getMessage());
    }
}
