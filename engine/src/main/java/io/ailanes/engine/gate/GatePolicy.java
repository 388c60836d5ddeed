package io.ailanes.engine.gate;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which gate commands a plan may suggest. A plan is model output, and a model can be steered by text planted
 * in the repository, so its gates run only when the step allows plan gates and the command matches one of
 * the admin's patterns, as one simple command: no pipes, lists, substitutions, redirections or newlines,
 * which is how {@code curl ... | sh} and friends would get in. Gates the step itself names are trusted.
 */
public final class GatePolicy {

    /** Shell syntax that chains, substitutes or redirects: refused in plan-suggested commands. */
    private static final Pattern SHELL_SYNTAX = Pattern.compile("[|;&`<>\\n\\r]|\\$\\(|\\$\\{");

    private final List<String> allowedPatterns;

    /**
     * @param allowedPatterns whole-command patterns where {@code *} stands for any text, e.g. {@code mvn *},
     *        {@code npm test}; empty means no plan-suggested gate may run
     */
    public GatePolicy(List<String> allowedPatterns) {
        this.allowedPatterns = List.copyOf(allowedPatterns);
        for (String p : this.allowedPatterns) {
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("an allowed gate command pattern is empty");
            }
        }
    }

    /** Why the command may not run, or empty when it may. */
    public Optional<String> refusal(String command) {
        String trimmed = command.strip();
        if (SHELL_SYNTAX.matcher(trimmed).find()) {
            return Optional.of("the command uses shell syntax (pipes, lists, substitution or redirection), which a"
                    + " plan-suggested gate may not");
        }
        if (allowedPatterns.isEmpty()) {
            return Optional.of("no plan-suggested gate may run: the step allows none (set allowedGateCommands)");
        }
        for (String pattern : allowedPatterns) {
            if (matches(pattern.strip(), trimmed)) {
                return Optional.empty();
            }
        }
        return Optional.of("the command matches none of the allowed patterns " + allowedPatterns);
    }

    static boolean matches(String pattern, String command) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(command).matches();
    }
}
