package io.ailanes.jenkins.config;

import hudson.model.Job;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.risk.RiskPolicy;

/**
 * The risk policy of a job: its own {@link AiLanesRiskProperty}, else the global {@code riskClass} (else
 * {@code high}). The one place a job's class is resolved, so a folder-level class can be added here.
 */
public final class JobRiskClass {

    private JobRiskClass() {}

    public static RiskPolicy policy(Job<?, ?> job, AiLanesConfig config) {
        AiLanesRiskProperty property = job == null ? null : job.getProperty(AiLanesRiskProperty.class);
        if (property != null) {
            return RiskPolicy.of(config, property.riskClass(), "the job's AI Lanes risk class");
        }
        return RiskPolicy.of(config, null, null);
    }
}
