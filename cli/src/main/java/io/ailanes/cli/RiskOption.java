package io.ailanes.cli;

import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.risk.RiskClass;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import picocli.CommandLine.Option;

/** The run's risk class: {@code --risk-class}, else the configuration's {@code riskClass}, else {@code high}. */
final class RiskOption {

    @Option(names = "--risk-class", paramLabel = "CLASS",
            description = "low, high or critical: the policy bundle this run is held to (default: the configuration's"
                    + " riskClass, else high).")
    String riskClass;

    /**
     * The policy, resolved before the run opens (call after {@link RunOptions#config()}); an unknown class is a usage
     * error naming the classes. A class the narrowing files set ({@code riskClass} of a layer) is a floor
     * {@code --risk-class} cannot go below. The class's {@code allowedRegions} narrow the configuration the run then
     * opens with ({@link RunOptions#heldTo}).
     */
    RiskPolicy policy(RunOptions run) {
        AiLanesConfig config = run.effectiveConfig();
        return run.heldTo(RiskPolicy.resolve(config, riskClass == null ? null : RiskClass.parse(riskClass),
                "--risk-class", run.layeredRiskClass(), "the configuration files (riskClass)"));
    }
}
