package io.ailanes.jenkins.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The provider form applies the engine's rules: it refuses the ids a build would refuse and lists the engine's kinds. */
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
}
