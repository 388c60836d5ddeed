package io.ailanes.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Checks the named arguments of a shared step, so a typo or a wrong type stops the build at once with a
 * sentence naming the step, the parameter and what it takes, instead of surfacing later as a step failure.
 *
 * <p>A parameter's kind is one of: {@code text} (a non-blank string), {@code flag} (true or false),
 * {@code usd} (a positive number of US dollars), {@code count} (a positive whole number), {@code texts}
 * (a list of strings), {@code gates} (a list of gate maps) or a choice written {@code a|b|c}.
 *
 * <p>Pure computation that calls no step, hence {@code @NonCPS}. Written to use only calls of
 * script-security's generic whitelist, so the library can also run as a folder-level (sandboxed) library.
 */
class StepArguments implements Serializable {

    private static final long serialVersionUID = 1L

    /** What a gate map may hold; name and command are required. */
    static final List<String> GATE_KEYS = ['name', 'command', 'timeoutMinutes', 'junit']

    /**
     * Every problem with {@code args}, one sentence each, in parameter order; empty when all is well.
     * A parameter given as null counts as not given.
     *
     * @param step the shared step's name, which starts every sentence
     * @param kinds parameter name to kind, in the order the step's help lists them
     */
    @NonCPS
    static List<String> check(String step, Map args, Map<String, String> kinds) {
        List<String> problems = []
        List<String> known = []
        for (Object name : kinds.keySet()) {
            known.add(String.valueOf(name))
        }
        for (Object key : args.keySet()) {
            String name = String.valueOf(key)
            if (!kinds.containsKey(name)) {
                String guess = closest(name, known)
                problems.add(step + ": unknown parameter '" + name + "'" +
                        (guess == null ? '' : " (did you mean '" + guess + "'?)") +
                        '; ' + step + ' takes: ' + String.join(', ', known))
            }
        }
        for (String name : known) {
            Object value = args.get(name)
            if (value != null) {
                String problem = kindProblem(step, name, kinds.get(name), value)
                if (problem != null) {
                    problems.add(problem)
                }
            }
        }
        return problems
    }

    @NonCPS
    private static String kindProblem(String step, String name, String kind, Object value) {
        String got = '; got ' + show(value)
        if (kind == 'text') {
            return value instanceof CharSequence && value.toString().trim().length() > 0 ? null
                    : step + ': ' + name + ' must be a non-empty string' + got
        }
        if (kind == 'flag') {
            return value instanceof Boolean ? null : step + ': ' + name + ' must be true or false' + got
        }
        if (kind == 'usd') {
            return value instanceof Number && ((Number) value).doubleValue() > 0 ? null
                    : step + ': ' + name + ' must be a positive number of US dollars, e.g. ' + name + ': 5' + got
        }
        if (kind == 'count') {
            return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0 ? null
                    : step + ': ' + name + ' must be a positive whole number' + got
        }
        if (kind == 'texts') {
            if (!(value instanceof List)) {
                return step + ': ' + name + " must be a list of strings, e.g. ['src/**']" + got
            }
            for (Object item : (List) value) {
                if (!(item instanceof CharSequence)) {
                    return step + ': ' + name + ' must be a list of strings; one entry is ' + show(item)
                }
            }
            return null
        }
        if (kind == 'gates') {
            return gatesProblem(step, name, value)
        }
        if (kind.contains('|')) {
            List<String> choices = []
            for (String choice : kind.split('\\|')) {
                choices.add(choice)
            }
            return value instanceof CharSequence && choices.contains(value.toString()) ? null
                    : step + ': ' + name + ' must be one of ' + String.join(', ', choices) + got
        }
        throw new IllegalArgumentException('unknown parameter kind ' + kind)
    }

    @NonCPS
    private static String gatesProblem(String step, String name, Object value) {
        String example = "[[name: 'test', command: 'mvn -B test']]"
        if (!(value instanceof List)) {
            return step + ': ' + name + ' must be a list of gates, e.g. ' + example + '; got ' + show(value)
        }
        List gates = (List) value
        for (int i = 0; i < gates.size(); i++) {
            String where = step + ': ' + name + '[' + i + ']'
            Object gate = gates.get(i)
            if (!(gate instanceof Map)) {
                return where + ' must be a map like ' + example + '; got ' + show(gate)
            }
            Map map = (Map) gate
            for (Object key : map.keySet()) {
                String field = String.valueOf(key)
                if (!GATE_KEYS.contains(field)) {
                    String guess = closest(field, GATE_KEYS)
                    return where + " has an unknown key '" + field + "'" +
                            (guess == null ? '' : " (did you mean '" + guess + "'?)") +
                            '; a gate takes: ' + String.join(', ', GATE_KEYS)
                }
            }
            for (String required : ['name', 'command']) {
                Object field = map.get(required)
                if (!(field instanceof CharSequence) || field.toString().trim().length() == 0) {
                    return where + ' needs a ' + required + ' (a non-empty string), e.g. ' + example
                }
            }
            Object timeout = map.get('timeoutMinutes')
            if (timeout != null && !((timeout instanceof Integer || timeout instanceof Long)
                    && ((Number) timeout).longValue() > 0)) {
                return where + '.timeoutMinutes must be a positive whole number; got ' + show(timeout)
            }
            Object junit = map.get('junit')
            if (junit != null && !(junit instanceof CharSequence)) {
                return where + ".junit must be a glob of JUnit XML files, e.g. '**/surefire-reports/*.xml'; got " +
                        show(junit)
            }
        }
        return null
    }

    /** A value as the message shows it: short, with its type, so "5" and 5 are told apart. */
    @NonCPS
    static String show(Object value) {
        if (value instanceof CharSequence) {
            String text = value.toString()
            return "'" + (text.length() > 40 ? text.substring(0, 40) + '...' : text) + "' (a string)"
        }
        if (value instanceof Boolean) {
            return value.toString() + ' (a boolean)'
        }
        if (value instanceof Number) {
            return value.toString() + ' (a number)'
        }
        if (value instanceof List) {
            return 'a list'
        }
        if (value instanceof Map) {
            return 'a map'
        }
        if (value instanceof Closure) {
            return 'a closure'
        }
        return 'a ' + value.getClass().getSimpleName()
    }

    /**
     * The known name a mistyped one most likely meant, or null: the same ignoring case, a prefix or an
     * abbreviation of it ({@code cmd} for {@code command}), or at most two edits away.
     */
    @NonCPS
    static String closest(String name, List<String> known) {
        String best = null
        int bestDistance = 3
        for (String candidate : known) {
            if (candidate.equalsIgnoreCase(name)) {
                return candidate
            }
            if (name.length() >= 3 && abbreviates(name.toLowerCase(), candidate.toLowerCase())) {
                return candidate
            }
            int distance = distance(name.toLowerCase(), candidate.toLowerCase())
            if (distance < bestDistance) {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }

    /** Whether {@code abbreviation} starts like {@code full} and has its letters in order: budget, cmd, maxRound. */
    @NonCPS
    private static boolean abbreviates(String abbreviation, String full) {
        if (abbreviation.charAt(0) != full.charAt(0)) {
            return false
        }
        int at = 0
        for (int i = 0; i < abbreviation.length(); i++) {
            at = full.indexOf(abbreviation.substring(i, i + 1), at)
            if (at < 0) {
                return false
            }
            at++
        }
        return true
    }

    /** Levenshtein distance, two rows at a time. */
    @NonCPS
    private static int distance(String a, String b) {
        List<Integer> previous = []
        for (int j = 0; j <= b.length(); j++) {
            previous.add(j)
        }
        for (int i = 1; i <= a.length(); i++) {
            List<Integer> current = [i]
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
                current.add(Math.min(Math.min(current.get(j - 1) + 1, previous.get(j) + 1), previous.get(j - 1) + cost))
            }
            previous = current
        }
        return previous.get(b.length())
    }
}
