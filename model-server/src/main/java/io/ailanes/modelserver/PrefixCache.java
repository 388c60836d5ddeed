package io.ailanes.modelserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model server's imitation of prompt caching, per model. OpenAI-compatible services cache
 * automatically: a request's longest prefix shared with an earlier request is served from the cache, counted
 * in whole blocks of 64 tokens. Anthropic caches explicitly: the prefix up to the {@code cache_control}
 * breakpoint is written on first sight and read on every repeat. With {@link PromptCache#OFF} nothing is cached.
 */
final class PrefixCache {

    /** Cached tokens are counted in blocks of this many tokens (DeepSeek's unit; OpenAI's is 128). */
    static final int BLOCK_TOKENS = 64;

    /** Tokens written to and read from an explicit cache by one request. */
    record Explicit(long written, long read) {}

    private final PromptCache mode;
    private final Map<String, List<String>> prompts = new HashMap<>();
    private final Map<String, Set<String>> prefixes = new HashMap<>();

    PrefixCache(PromptCache mode) {
        this.mode = mode;
    }

    /** Cached tokens of an automatically cached prompt; remembers the prompt. */
    synchronized long automatic(String model, String prompt) {
        if (mode == PromptCache.OFF) {
            return 0;
        }
        List<String> seen = prompts.computeIfAbsent(model, m -> new ArrayList<>());
        int shared = 0;
        for (String earlier : seen) {
            shared = Math.max(shared, commonPrefix(earlier, prompt));
        }
        seen.add(prompt);
        long tokens = Tokens.of(prompt.substring(0, shared));
        return shared == 0 ? 0 : tokens / BLOCK_TOKENS * BLOCK_TOKENS;
    }

    /** What an explicitly marked prefix writes or reads. */
    synchronized Explicit explicit(String model, String prefix) {
        if (mode == PromptCache.OFF || prefix.isEmpty()) {
            return new Explicit(0, 0);
        }
        long tokens = Tokens.of(prefix);
        return prefixes.computeIfAbsent(model, m -> new HashSet<>()).add(prefix)
                ? new Explicit(tokens, 0) : new Explicit(0, tokens);
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
