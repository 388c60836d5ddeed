package io.ailanes.engine.budget;

/** The nested spending scopes a model call can fall under, innermost first. */
public enum ScopeKind {
    CALL("call"),
    STEP("step"),
    /** What one lane may spend in one run (escalations to the lane included): the lane's own cap. */
    LANE("lane"),
    BUILD("build"),
    JOB_MONTH("job month"),
    GLOBAL_DAY("global day");

    private final String label;

    ScopeKind(String label) {
        this.label = label;
    }

    /** How the scope is named in messages ({@code build "myjob#42"}). */
    public String label() {
        return label;
    }
}
