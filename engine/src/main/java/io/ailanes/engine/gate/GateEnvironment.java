package io.ailanes.engine.gate;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment gates run in: the host's, without provider credentials. A gate runs code the model just
 * wrote; it must not be able to read the keys that pay for the models.
 */
public final class GateEnvironment {

    /** Provider key variables removed even when the configuration does not name them. */
    static final Set<String> WELL_KNOWN = Set.of(
            "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "GEMINI_API_KEY", "GOOGLE_API_KEY",
            "DEEPSEEK_API_KEY", "DASHSCOPE_API_KEY", "QWEN_API_KEY", "MOONSHOT_API_KEY", "KIMI_API_KEY",
            "ZHIPUAI_API_KEY", "ZAI_API_KEY", "GLM_API_KEY", "OPENROUTER_API_KEY", "GROQ_API_KEY",
            "MISTRAL_API_KEY", "XAI_API_KEY", "LITELLM_API_KEY", "LITELLM_MASTER_KEY", "AZURE_OPENAI_API_KEY");

    private GateEnvironment() {}

    /**
     * The provider key variable names removed even when the configuration does not name them; a host that cannot
     * start a command with an empty environment (the Jenkins launcher inherits the agent's) unsets these.
     */
    public static Set<String> wellKnownKeyNames() {
        return WELL_KNOWN;
    }

    /**
     * @param host the host environment
     * @param credentialNames the configured credentials' variable names
     * @param secretValues the resolved credential values: any variable holding one is removed too
     */
    public static Map<String, String> scrub(Map<String, String> host, Collection<String> credentialNames,
            Collection<String> secretValues) {
        Set<String> names = new HashSet<>(WELL_KNOWN);
        names.addAll(credentialNames);
        Set<String> values = new HashSet<>();
        for (String value : secretValues) {
            if (value != null && value.length() >= 6) {
                values.add(value);
            }
        }
        Map<String, String> scrubbed = new LinkedHashMap<>();
        host.forEach((name, value) -> {
            if (!names.contains(name) && !values.contains(value) && values.stream().noneMatch(value::contains)) {
                scrubbed.put(name, value);
            }
        });
        return scrubbed;
    }
}
