package io.ailanes.engine.provider;

/** Why the model stopped, mapped from each provider's own vocabulary (kept raw in the response too). */
public enum FinishReason {
    /** Natural end or a stop sequence. */
    STOP,
    /** The output token cap was reached: the text is probably cut off. */
    LENGTH,
    /** The provider filtered or refused the content (safety, recitation, refusal). */
    CONTENT_FILTER,
    /** The model asked to call a tool (AI Lanes sends no tools; seen only with foreign fixtures). */
    TOOL_CALL,
    /** Anything else the provider reported. */
    OTHER
}
