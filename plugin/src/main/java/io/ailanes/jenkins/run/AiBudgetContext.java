package io.ailanes.jenkins.run;

import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeKind;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code withAiBudget} blocks around a step, innermost first, each a scope of its own with its cap: the steps in
 * a block share its cap, and in nested blocks every enclosing cap holds, so the tightest one binds. Passed to the
 * block's body as a Pipeline context object, so it is kept with the program (serializable, no engine types).
 */
public final class AiBudgetContext implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<String> keys;
    private final ArrayList<String> capsUsd;

    private AiBudgetContext(ArrayList<String> keys, ArrayList<String> capsUsd) {
        this.keys = keys;
        this.capsUsd = capsUsd;
    }

    /** A block inside {@code outer} (or null), keyed under the build's run id so its report can show it. */
    public static AiBudgetContext enter(AiBudgetContext outer, String runId, String blockId, BigDecimal capUsd) {
        ArrayList<String> keys = new ArrayList<>();
        ArrayList<String> caps = new ArrayList<>();
        keys.add(runId + "/withAiBudget " + blockId);
        caps.add(capUsd.toPlainString());
        if (outer != null) {
            keys.addAll(outer.keys);
            caps.addAll(outer.capsUsd);
        }
        return new AiBudgetContext(keys, caps);
    }

    /** The blocks as budget scopes with their caps, innermost first. */
    public Map<ScopeId, BigDecimal> scopes() {
        Map<ScopeId, BigDecimal> scopes = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            scopes.put(new ScopeId(ScopeKind.BUILD, keys.get(i)), new BigDecimal(capsUsd.get(i)));
        }
        return scopes;
    }
}
