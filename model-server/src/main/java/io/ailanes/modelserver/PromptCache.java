package io.ailanes.modelserver;

/** Whether the {@link ModelServer} reports prompt-cache use. */
public enum PromptCache {

    /** As the real services do ({@link PrefixCache}): repeated prefixes come back as cached tokens. */
    PREFIX,

    /**
     * Never: every input token is reported as plain input (and {@code cached_tokens} as 0), for tests whose models
     * are priced for input and output only.
     */
    OFF
}
