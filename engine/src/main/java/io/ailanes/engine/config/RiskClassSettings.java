package io.ailanes.engine.config;

import java.util.List;

/**
 * One risk class's policy bundle as written in {@code riskClasses:} (a list entry named {@code low}, {@code high} or
 * {@code critical}, so the same shape loads from {@code ai-lanes.yaml} and from Configuration as Code, which binds no
 * maps). A field left out keeps the built-in default of that class ({@link io.ailanes.engine.riskpolicy.RiskBundle}).
 *
 * @param name the class: {@code low}, {@code high} or {@code critical}
 * @param planLanes the lanes the plan step may run in; a step asking for another is moved to the first of them
 * @param implementLanes the lanes the implement step may start in
 * @param reviewLanes the lanes the review step may run in
 * @param reviewRequired whether every change of this class is reviewed, whatever the pipeline asked
 * @param failOn the loosest review threshold a pipeline may use ({@code high}, {@code medium}, {@code low}); a
 *     looser {@code failOn} is raised to it
 * @param protectedPaths globs no change may touch, besides {@code policy.protectedPaths} and the built-in ones
 * @param sensitivePaths globs of security-sensitive files: a change touching one is planned and reviewed on the
 *     premium ({@code reasoning}) lane, and waits for approval when {@code requireApproval} is set
 * @param allowImplement whether the implement step may run at all
 * @param requireApproval whether a change touching a sensitive path waits for a person's approval before it is
 *     applied
 * @param approvers who may approve (Jenkins: user ids or group names for {@code input}'s {@code submitter})
 * @param allowedRegions the data regions a run of this class may send prompts to: only narrows
 *     {@code policy.allowedRegions} (and a folder's or narrowing file's), the run keeping the regions both allow. Null:
 *     no limit of the class's own (no class has one built in)
 */
public record RiskClassSettings(String name, List<String> planLanes, List<String> implementLanes,
        List<String> reviewLanes, Boolean reviewRequired, String failOn, List<String> protectedPaths,
        List<String> sensitivePaths, Boolean allowImplement, Boolean requireApproval, List<String> approvers,
        List<String> allowedRegions) {

    /** Null lists stay null: "not set, keep the class's default", which an empty list (none) is not. */
    public RiskClassSettings {
        planLanes = copyOrNull(planLanes);
        implementLanes = copyOrNull(implementLanes);
        reviewLanes = copyOrNull(reviewLanes);
        protectedPaths = copyOrNull(protectedPaths);
        sensitivePaths = copyOrNull(sensitivePaths);
        approvers = copyOrNull(approvers);
        allowedRegions = copyOrNull(allowedRegions);
    }

    private static <T> List<T> copyOrNull(List<T> list) {
        return list == null ? null : AiLanesConfig.copy(list);
    }
}
