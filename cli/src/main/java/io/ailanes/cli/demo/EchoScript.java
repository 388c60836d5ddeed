package io.ailanes.cli.demo;

import io.ailanes.modelserver.Script;

/**
 * The demo provider's answer to a prompt its scripts do not know: it says what it is, what it received, and how to
 * get a real answer.
 */
public final class EchoScript implements Script {

    @Override
    public String answer(String protocol, String model, String prompt) {
        return "This answer is scripted by the AI Lanes demo provider (" + protocol + " wire format, model " + model
                + "). It received a prompt of " + prompt.length() + " characters starting with: \""
                + abbreviate(prompt, 60) + "\". Point --provider-config at a real provider to get a real answer.";
    }

    private static String abbreviate(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }
}
