package io.ailanes.engine.riskpolicy;

import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.risk.RiskClass;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.RiskClassSettings;
import io.ailanes.engine.lane.Lane;
import java.util.List;

/**
 * A risk class's policy, resolved: the built-in defaults of the class with the admin's {@code riskClasses} entry laid
 * over them field by field. An empty lane list means any lane.
 *
 * <p>Built-in defaults (docs/CONFIGURATION.md, "Risk classes"): {@code low} adds nothing; {@code high} requires a
 * review that fails on {@code high} findings; {@code critical} plans and reviews on the premium ({@code reasoning})
 * lane, requires a review that fails on {@code medium} findings, treats {@link #DEFAULT_SENSITIVE} as sensitive and
 * holds a change touching them for approval. No class limits data regions of its own: residency depends on the
 * organisation's contracts, not on the risk of a change, so only the admin's {@code allowedRegions} does.
 *
 * @param failOn the loosest review threshold allowed, or null for no floor
 * @param allowedRegions the data regions the class allows, narrowing {@code policy.allowedRegions}; null for no limit
 */
public record RiskBundle(RiskClass riskClass, List<String> planLanes, List<String> implementLanes,
        List<String> reviewLanes, boolean reviewRequired, FailOn failOn, List<String> protectedPaths,
        List<String> sensitivePaths, boolean allowImplement, boolean requireApproval, List<String> approvers,
        List<String> allowedRegions) {

    /** The premium lane: where sensitive changes are planned and reviewed. */
    public static final String PREMIUM_LANE = Lane.REASONING;

    /** What {@code critical} treats as security-sensitive unless the admin sets {@code sensitivePaths}. */
    public static final List<String> DEFAULT_SENSITIVE = List.of(
            "**/auth/**", "**/authn/**", "**/authz/**", "**/security/**", "**/crypto/**", "**/permissions/**");

    public RiskBundle {
        planLanes = List.copyOf(planLanes);
        implementLanes = List.copyOf(implementLanes);
        reviewLanes = List.copyOf(reviewLanes);
        protectedPaths = List.copyOf(protectedPaths);
        sensitivePaths = List.copyOf(sensitivePaths);
        approvers = List.copyOf(approvers);
        allowedRegions = allowedRegions == null ? null : List.copyOf(allowedRegions);
    }

    /** The built-in bundle of a class. */
    public static RiskBundle defaults(RiskClass riskClass) {
        return switch (riskClass) {
            case LOW -> new RiskBundle(riskClass, List.of(), List.of(), List.of(), false, null, List.of(), List.of(),
                    true, false, List.of(), null);
            case HIGH -> new RiskBundle(riskClass, List.of(), List.of(), List.of(), true, FailOn.HIGH,
                    List.of(), List.of(), true, false, List.of(), null);
            case CRITICAL -> new RiskBundle(riskClass, List.of(PREMIUM_LANE), List.of(), List.of(PREMIUM_LANE), true,
                    FailOn.MEDIUM, List.of(), DEFAULT_SENSITIVE, true, true, List.of(), null);
        };
    }

    /**
     * The class's bundle under a configuration: its {@code riskClasses} entry of the same name over the defaults.
     * Assumes a validated configuration (an unparsable {@code failOn} there has been reported already).
     */
    public static RiskBundle of(RiskClass riskClass, AiLanesConfig config) {
        RiskBundle base = defaults(riskClass);
        for (RiskClassSettings s : config.riskClasses()) {
            if (s != null && s.name() != null && riskClass.id().equalsIgnoreCase(s.name().trim())) {
                return new RiskBundle(riskClass,
                        s.planLanes() != null ? s.planLanes() : base.planLanes(),
                        s.implementLanes() != null ? s.implementLanes() : base.implementLanes(),
                        s.reviewLanes() != null ? s.reviewLanes() : base.reviewLanes(),
                        s.reviewRequired() != null ? s.reviewRequired() : base.reviewRequired(),
                        s.failOn() != null ? FailOn.of(s.failOn()) : base.failOn(),
                        s.protectedPaths() != null ? s.protectedPaths() : base.protectedPaths(),
                        s.sensitivePaths() != null ? s.sensitivePaths() : base.sensitivePaths(),
                        s.allowImplement() != null ? s.allowImplement() : base.allowImplement(),
                        s.requireApproval() != null ? s.requireApproval() : base.requireApproval(),
                        s.approvers() != null ? s.approvers() : base.approvers(),
                        s.allowedRegions() != null ? s.allowedRegions() : base.allowedRegions());
            }
        }
        return base;
    }
}
