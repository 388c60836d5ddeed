package io.ailanes.engine.gate;

import java.util.List;

/**
 * What a fix round tells the model about failed gates: which failed, the failing tests, and the end of
 * each failing gate's output (where the error usually is), within a token bound so fix rounds stay cheap.
 */
public final class GateFeedback {

    /** About four characters a token for logs: a safe bound without a tokenizer. */
    private static final int CHARS_PER_TOKEN = 4;

    private GateFeedback() {}

    public static String of(List<GateResult> results, int maxTokens) {
        int budget = Math.max(200, maxTokens * CHARS_PER_TOKEN);
        List<GateResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (failed.isEmpty()) {
            return "All gates passed.";
        }
        StringBuilder text = new StringBuilder();
        int perGate = budget / failed.size();
        for (GateResult result : failed) {
            StringBuilder part = new StringBuilder();
            part.append("Gate '").append(result.gate().name()).append("' failed (")
                    .append(result.timedOut() ? "timed out after " + result.gate().timeout().toSeconds() + " s"
                            : "exit code " + result.exitCode())
                    .append("): ").append(result.gate().command()).append('\n');
            if (result.junit().tests() > 0) {
                part.append("Tests: ").append(result.junit().tests()).append(" run, ").append(result.junit().failures())
                        .append(" failed, ").append(result.junit().errors()).append(" errors\n");
                for (String failing : result.junit().failing()) {
                    part.append("  - ").append(failing).append('\n');
                }
            }
            int room = perGate - part.length();
            if (room > 100) {
                part.append("Output (end):\n").append(tail(result.output(), room - 20)).append('\n');
            }
            text.append(part.length() > perGate ? part.substring(0, perGate) : part).append('\n');
        }
        return text.toString().strip();
    }

    /** The last {@code max} characters, starting at a line boundary when one is near. */
    static String tail(String output, int max) {
        if (output.length() <= max) {
            return output;
        }
        String cut = output.substring(output.length() - max);
        int newline = cut.indexOf('\n');
        if (newline >= 0 && newline < 200) {
            cut = cut.substring(newline + 1);
        }
        return "[... " + (output.length() - cut.length()) + " characters omitted ...]\n" + cut;
    }
}
