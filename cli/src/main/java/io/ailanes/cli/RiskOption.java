package io.ailanes.cli;

import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.risk.RiskClass;
import io.ailanes.engine.risk.RiskPolicy;
import picocli.CommandLine.Option;

/** The run's risk class: {@code --risk-class}, else the configuration's {@code riskClass}, else {@code high}. */
final class RiskOption {

    @Option(names = "--risk-class", paramLabel = "CLASS",
            description = "low, high or critical: the policy bundle this run is held to (default: the configuration's"
                    + " riskClass, else high).")
    String riskClass;

    /** The policy; an unknown class is a usage error naming the classes. */
    RiskPolicy policy(AiLanesConfig config) {
        return riskClass == null ? RiskPolicy.of(config, null, null)
                : RiskPolicy.of(config, RiskClass.parse(riskClass), "--risk-class");
    }
}
