package io.ailanes.jenkins.config;

import hudson.model.Job;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.risk.RiskClass;
import io.ailanes.engine.riskpolicy.RiskPolicy;

/**
 * The risk policy of a job: its own {@link AiLanesRiskProperty}, else the class its folders set
 * ({@link AiLanesFolderProperty}, a floor the job's own cannot go below), else the global {@code riskClass} (else
 * {@code high}). The one place a job's class is resolved.
 */
public final class JobRiskClass {

    private JobRiskClass() {}

    /** @param folderClass the class the job's folders set (the effective configuration's), or null */
    public static RiskPolicy policy(Job<?, ?> job, AiLanesConfig config, RiskClass folderClass) {
        AiLanesRiskProperty property = job == null ? null : job.getProperty(AiLanesRiskProperty.class);
        return RiskPolicy.resolve(config, property == null ? null : property.riskClass(),
                "the job's AI Lanes risk class", folderClass, "the job's folders (AI Lanes folder settings)");
    }
}
