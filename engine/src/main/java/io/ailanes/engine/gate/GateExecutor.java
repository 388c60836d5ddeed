package io.ailanes.engine.gate;

import java.util.List;

/**
 * Runs gates where the workspace is: {@link GateRunner} on this machine, or, in Jenkins, the agent's launcher.
 * Every gate runs, in order, so feedback covers every failure.
 */
@FunctionalInterface
public interface GateExecutor {

    List<GateResult> run(List<Gate> gates);
}
