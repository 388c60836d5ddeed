package io.ailanes.engine.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Masks the host's environment values in gate output: every value of {@link #MIN_LENGTH} characters or more becomes
 * {@code [ENV:NAME]}, so what a gate prints (gates.xml, the log, a fix round's feedback to the model) shows no value
 * of the agent's or the build's environment, whether the gate was given the variable or read the value elsewhere (a
 * file, a literal in a test). A name is not a secret, and keeps paths readable: {@code /home/jenkins/ws/src/A.java}
 * becomes {@code [ENV:WORKSPACE]/src/A.java}.
 *
 * <p>The rule: at each position the longest value starting there wins (a workspace path over the {@code HOME} it is
 * under); a value overlapping the end of one masked is masked with it ({@code [ENV:A][ENV:B]}), so no part of a value
 * longer than what was masked shows. Values of digits only (build numbers, ports, timestamps, process ids) are left:
 * masking them would garble line numbers, counts and durations in compiler and test output, and a number of 8+ digits
 * in an environment is not a credential in practice. Shorter values are left: too many would match by chance.
 * Matching is exact (case-sensitive).
 *
 * <p>Built once per step from the environments ({@link #of}); {@link #mask} is a single pass over the text, linear in
 * its length (an Aho-Corasick automaton of the reversed values run over the text backwards gives the longest value
 * starting at each position).
 */
public final class EnvironmentMask {

    /** Values shorter than this are not masked. */
    public static final int MIN_LENGTH = 8;

    /** Masks nothing. */
    public static final EnvironmentMask NONE = new EnvironmentMask(Map.of());

    private final List<String> values = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final Node root = new Node();

    private EnvironmentMask(Map<String, String> byValue) {
        byValue.forEach((value, name) -> {
            values.add(value);
            labels.add("[ENV:" + name + "]");
        });
        build();
    }

    /**
     * A mask of every value of the environments given (e.g. the agent's and the build's). A value held by several
     * names is shown as one of them: an allowed gate variable's name first ({@code WORKSPACE} over {@code PWD}), then
     * the first in alphabetical order.
     */
    @SafeVarargs
    public static EnvironmentMask of(Map<String, String>... environments) {
        return of(List.of(environments));
    }

    public static EnvironmentMask of(List<? extends Map<String, String>> environments) {
        Map<String, String> byValue = new TreeMap<>(Comparator.comparing(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (Map<String, String> environment : environments) {
            if (environment == null) {
                continue;
            }
            environment.forEach((name, value) -> {
                if (name == null || name.isEmpty() || !maskable(value)) {
                    return;
                }
                byValue.merge(value, name, EnvironmentMask::preferred);
            });
        }
        return new EnvironmentMask(byValue);
    }

    static boolean maskable(String value) {
        return value != null && value.length() >= MIN_LENGTH && !value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String preferred(String a, String b) {
        boolean aAllowed = GateEnvironment.allowed(a, List.of(), false);
        boolean bAllowed = GateEnvironment.allowed(b, List.of(), false);
        if (aAllowed != bAllowed) {
            return aAllowed ? a : b;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** How many values are masked. */
    public int size() {
        return values.size();
    }

    /** {@code text} with every value masked. */
    public String mask(String text) {
        if (text == null || values.isEmpty() || text.isEmpty()) {
            return text;
        }
        int n = text.length();
        // The longest value starting at each position: the automaton of reversed values, run from the end.
        int[] longest = new int[n];
        int[] which = new int[n];
        Node state = root;
        boolean any = false;
        for (int i = n - 1; i >= 0; i--) {
            char c = text.charAt(i);
            while (state != root && !state.next.containsKey(c)) {
                state = state.fail;
            }
            state = state.next.getOrDefault(c, root);
            Node match = state.value >= 0 ? state : state.dictionary;
            if (match != null) {
                longest[i] = match.depth;
                which[i] = match.value;
                any = true;
            }
        }
        if (!any) {
            return text;
        }
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            if (longest[i] == 0) {
                out.append(text.charAt(i++));
                continue;
            }
            int end = i + longest[i];
            out.append(labels.get(which[i]));
            // A value starting inside the one masked and reaching past it is masked too, so none of it shows.
            for (int k = i + 1; k < end; k++) {
                if (longest[k] > 0 && k + longest[k] > end) {
                    out.append(labels.get(which[k]));
                    end = k + longest[k];
                }
            }
            i = end;
        }
        return out.toString();
    }

    private void build() {
        for (int v = 0; v < values.size(); v++) {
            String value = values.get(v);
            Node node = root;
            for (int i = value.length() - 1; i >= 0; i--) {
                char c = value.charAt(i);
                Node parent = node;
                node = node.next.computeIfAbsent(c, k -> new Node(parent.depth + 1));
            }
            node.value = v;
        }
        // Failure links breadth first; the dictionary link is the longest proper suffix that is a whole value.
        List<Node> queue = new ArrayList<>();
        for (Node child : root.next.values()) {
            child.fail = root;
            queue.add(child);
        }
        for (int head = 0; head < queue.size(); head++) {
            Node node = queue.get(head);
            for (Map.Entry<Character, Node> edge : node.next.entrySet()) {
                char c = edge.getKey();
                Node child = edge.getValue();
                Node fail = node.fail;
                while (fail != root && !fail.next.containsKey(c)) {
                    fail = fail.fail;
                }
                Node target = fail.next.get(c);
                child.fail = target == null || target == child ? root : target;
                child.dictionary = child.fail.value >= 0 ? child.fail : child.fail.dictionary;
                queue.add(child);
            }
        }
    }

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        final int depth;
        Node fail;
        Node dictionary;
        int value = -1;

        Node() {
            this(0);
        }

        Node(int depth) {
            this.depth = depth;
        }
    }
}
