package io.ailanes.modelserver;

/** Chooses the answer of the {@link ModelServer} to a request. */
@FunctionalInterface
public interface Script {

    /**
     * @param protocol {@code openai} or {@code anthropic}: the wire format the request came in
     * @param model the model the request names
     * @param prompt the request's text (system and messages, in order, each followed by a new line)
     */
    String answer(String protocol, String model, String prompt);
}
