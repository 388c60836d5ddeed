package io.ailanes.engine.riskpolicy;

import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.risk.RiskClass;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.engine.config.layer.EffectiveValue;
import io.ailanes.engine.config.layer.LayerOrigin;
import io.ailanes.engine.edit.EditPolicy;
import io.ailanes.engine.edit.ProtectedFiles;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.run.AiRun;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a job's (or run's) risk class makes of each step's request: the one owner of those decisions for the CLI,
 * the plugin and the report. Each method returns the settings the step runs with and every decision that changed
 * them, as {@link RiskDecision} values; {@link #record} writes them to the audit.
 */
public final class RiskPolicy {

    /** The audit attribute naming the class on every risk event. */
    public static final String ATTRIBUTE = io.ailanes.engine.run.AuditReports.RISK_CLASS;

    private final RiskBundle bundle;
    private final String source;
    /** The effective configuration's field of the allowed data regions. */
    private static final String REGIONS = "policy.allowedRegions";
    /** How the class narrowed the run's allowed data regions ({@link #narrow}), or null when it changed nothing. */
    private final RiskDecision regions;

    public RiskPolicy(RiskBundle bundle, String source) {
        this(bundle, source, null);
    }

    private RiskPolicy(RiskBundle bundle, String source, RiskDecision regions) {
        this.bundle = bundle;
        this.source = source == null || source.isBlank() ? "the configuration's default (riskClass)" : source;
        this.regions = regions;
    }

    /**
     * The configuration a run of this class opens with, and the policy that lists the narrowing among its decisions.
     *
     * @param config the effective configuration, the class's {@code allowedRegions} applied
     * @param policy this policy, recording the narrowing in each step's decisions when it changed anything
     */
    public record Narrowed(EffectiveConfig config, RiskPolicy policy) {}

    /**
     * Applies the class's {@code allowedRegions} to the configuration a run opens with (the base narrowed by its
     * folders or narrowing files), before anything is estimated, reserved or sent: the run keeps the regions both
     * allow, and {@code policy.allowedRegions} is recorded as set by {@code risk class <id>}.
     *
     * @throws io.ailanes.engine.config.ConfigException when the class and the layers have no region in common
     */
    public Narrowed narrow(EffectiveConfig effective) {
        EffectiveConfig narrowed = effective.narrowRegions(LayerOrigin.riskClass(bundle.riskClass().id()),
                bundle.allowedRegions());
        if (narrowed == effective) {
            return new Narrowed(effective, this);
        }
        // As the effective configuration shows the lists: [eu, us].
        EffectiveValue before = effective.value(REGIONS);
        RiskDecision decision = new RiskDecision(PolicyEvent.RISK_REGIONS, "",
                "data regions narrowed to " + narrowed.value(REGIONS).value() + " (allowed before: "
                        + (before == null ? "any" : before.value()) + ")",
                cls() + " allows only " + String.join(", ", bundle.allowedRegions().stream()
                        .map(r -> r.strip().toLowerCase(java.util.Locale.ROOT)).distinct().toList())
                        + " (riskClasses: allowedRegions)");
        return new Narrowed(narrowed, new RiskPolicy(bundle, source, decision));
    }

    /**
     * The policy of {@code chosen}, or of the configuration's default class when null.
     *
     * @param source where {@code chosen} came from, for the record (e.g. "the job's AI Lanes risk class", "--risk-class")
     */
    public static RiskPolicy of(AiLanesConfig config, RiskClass chosen, String source) {
        if (chosen != null) {
            return new RiskPolicy(RiskBundle.of(chosen, config), source);
        }
        return new RiskPolicy(RiskBundle.of(defaultClass(config), config), null);
    }

    /**
     * The policy of a job or run whose own class ({@code own}: a job property, {@code --risk-class}) and whose
     * configuration layers' class ({@code layered}: folders, narrowing files) may each be set. The layers' class is a
     * floor: an own class below it is raised to it. Neither set: the configuration's default.
     */
    public static RiskPolicy resolve(AiLanesConfig config, RiskClass own, String ownSource, RiskClass layered,
            String layeredSource) {
        if (own != null && (layered == null || own.atLeast(layered))) {
            return of(config, own, ownSource);
        }
        if (layered != null) {
            return of(config, layered, own == null ? layeredSource
                    : layeredSource + " (" + ownSource + " asked for " + own.id() + ", below it)");
        }
        return of(config, null, null);
    }

    /** The configuration's {@code riskClass}, {@code high} when not set. */
    public static RiskClass defaultClass(AiLanesConfig config) {
        return config.riskClass() == null || config.riskClass().isBlank() ? RiskClass.HIGH
                : RiskClass.parse(config.riskClass());
    }

    public RiskClass riskClass() {
        return bundle.riskClass();
    }

    public RiskBundle bundle() {
        return bundle;
    }

    /** The lane a step runs in, and why it is not the one asked for. */
    public record LaneChoice(String lane, List<RiskDecision> decisions) {
        public LaneChoice {
            decisions = List.copyOf(decisions);
        }
    }

    /** The implement step's lane, its edit policy with the class's protected paths, and the decisions. */
    public record ImplementChoice(String lane, EditPolicy policy, List<RiskDecision> decisions) {
        public ImplementChoice {
            decisions = List.copyOf(decisions);
        }
    }

    /** The review step's lane and threshold, whether it runs, and the decisions. */
    public record ReviewChoice(String lane, FailOn failOn, boolean run, List<RiskDecision> decisions) {
        public ReviewChoice {
            decisions = List.copyOf(decisions);
        }
    }

    private String cls() {
        return "class " + bundle.riskClass().id();
    }

    /** The decisions every step starts with: the class and where it was set, and how it narrowed the regions. */
    private List<RiskDecision> applies(String step) {
        List<RiskDecision> decisions = new ArrayList<>();
        decisions.add(new RiskDecision(PolicyEvent.RISK_CLASS, step, "risk class " + bundle.riskClass().id(),
                "set by " + source));
        if (regions != null) {
            decisions.add(new RiskDecision(regions.kind(), step, regions.what(), regions.why()));
        }
        return decisions;
    }

    /**
     * The plan step's lane. A plan that sees a sensitive path (among the context files given) runs on the premium lane
     * whatever was asked; otherwise a lane the class does not allow is replaced by the first it allows.
     *
     * @param asked the lane the pipeline asked for
     * @param pathsInView the files the plan is given as context
     */
    public LaneChoice plan(String asked, Collection<String> pathsInView) {
        List<RiskDecision> decisions = applies("plan");
        List<String> sensitive = sensitive(pathsInView);
        String lane = lane("plan", asked, bundle.planLanes(), sensitive, decisions);
        return new LaneChoice(lane, decisions);
    }

    /**
     * After a plan: whether it must be made again on the premium lane because the files it names are sensitive and it
     * was not made there.
     */
    public Optional<RiskDecision> replan(String laneUsed, Collection<String> plannedPaths) {
        List<String> sensitive = sensitive(plannedPaths);
        if (sensitive.isEmpty() || RiskBundle.PREMIUM_LANE.equals(laneUsed)) {
            return Optional.empty();
        }
        return Optional.of(new RiskDecision(PolicyEvent.RISK_LANE, "plan",
                "plan made again on lane " + RiskBundle.PREMIUM_LANE + " (was " + laneUsed + ")",
                "it names the security-sensitive path(s) " + String.join(", ", sensitive) + " of " + cls()));
    }

    /**
     * The implement step's lane and edit policy.
     *
     * @throws RiskRefusedException when the class does not allow the implement step (the decision is recorded first
     *     when {@code run} is given)
     */
    public ImplementChoice implement(String asked, EditPolicy policy, AiRun run) {
        List<RiskDecision> decisions = applies("implement");
        if (!bundle.allowImplement()) {
            RiskDecision refused = new RiskDecision(PolicyEvent.RISK_REFUSED, "implement", "implement refused",
                    cls() + " does not allow implement (riskClasses: allowImplement: false)");
            decisions.add(refused);
            if (run != null) {
                record(run, asked, decisions);
            }
            throw new RiskRefusedException(refused);
        }
        String lane = lane("implement", asked, bundle.implementLanes(), List.of(), decisions);
        EditPolicy protectedPolicy = policy;
        if (!bundle.protectedPaths().isEmpty()) {
            LinkedHashSet<String> globs = new LinkedHashSet<>(policy.protectedGlobs());
            globs.addAll(bundle.protectedPaths());
            protectedPolicy = policy.withProtectedGlobs(new ArrayList<>(globs));
            decisions.add(new RiskDecision(PolicyEvent.RISK_PROTECTED, "implement",
                    "protected paths added: " + String.join(", ", bundle.protectedPaths()), cls() + " protects them"));
        }
        if (bundle.requireApproval() && !bundle.sensitivePaths().isEmpty()) {
            decisions.add(new RiskDecision(PolicyEvent.RISK_SENSITIVE, "implement",
                    "a change touching " + String.join(", ", bundle.sensitivePaths()) + " waits for approval",
                    cls() + " requires approval" + (bundle.approvers().isEmpty() ? ""
                            : " by " + String.join(", ", bundle.approvers()))));
        }
        return new ImplementChoice(lane, protectedPolicy, decisions);
    }

    /**
     * The review step's settings: a class that requires review runs one even when the pipeline did not ask; a looser
     * {@code failOn} than the class's floor is raised to it; a change touching a sensitive path is reviewed on the
     * premium lane whatever was asked.
     *
     * @param askedToRun whether the pipeline asked for a review
     * @param changedPaths the files the change touches
     */
    public ReviewChoice review(String asked, FailOn askedFailOn, boolean askedToRun,
            Collection<String> changedPaths) {
        List<RiskDecision> decisions = applies("review");
        boolean run = askedToRun;
        if (!askedToRun && bundle.reviewRequired()) {
            run = true;
            decisions.add(new RiskDecision(PolicyEvent.RISK_REVIEW, "review", "review run though not asked for",
                    cls() + " requires a review of every change"));
        }
        FailOn failOn = askedFailOn == null ? FailOn.HIGH : askedFailOn;
        FailOn floor = bundle.failOn();
        if (floor != null && failOn.looserThan(floor)) {
            decisions.add(new RiskDecision(PolicyEvent.RISK_FAIL_ON, "review",
                    "failOn raised from " + failOn.id() + " to " + floor.id(),
                    cls() + " fails a review on " + floor.id() + " findings or worse"));
            failOn = floor;
        }
        String lane = lane("review", asked, bundle.reviewLanes(), sensitive(changedPaths), decisions);
        return new ReviewChoice(lane, failOn, run, decisions);
    }

    /** The paths of {@code paths} that match the class's sensitive globs, in order. */
    public List<String> sensitive(Collection<String> paths) {
        List<String> matched = new ArrayList<>();
        if (paths == null || bundle.sensitivePaths().isEmpty()) {
            return matched;
        }
        for (String path : paths) {
            if (path != null && ProtectedFiles.firstMatch(bundle.sensitivePaths(), path) != null) {
                matched.add(path);
            }
        }
        return matched;
    }

    /**
     * The files a unified diff touches (its {@code +++ b/} and {@code --- a/} headers), for a review given a diff
     * rather than a change it made.
     */
    public static List<String> changedPaths(String unifiedDiff) {
        LinkedHashSet<String> paths = new LinkedHashSet<>();
        if (unifiedDiff != null) {
            for (String line : unifiedDiff.split("\n")) {
                String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (l.startsWith("+++ b/") || l.startsWith("--- a/")) {
                    String path = l.substring(6);
                    int tab = path.indexOf('\t');
                    paths.add(tab >= 0 ? path.substring(0, tab) : path);
                }
            }
        }
        return new ArrayList<>(paths);
    }

    /** Whether a change to these files waits for approval: the class requires it and one of them is sensitive. */
    public boolean holdsForApproval(Collection<String> changedPaths) {
        return bundle.requireApproval() && !sensitive(changedPaths).isEmpty();
    }

    /** Records each decision as an audit event naming the class ({@value #ATTRIBUTE}). */
    public void record(AiRun run, String lane, List<RiskDecision> decisions) {
        for (RiskDecision d : decisions) {
            Map<String, String> attributes = Map.of(ATTRIBUTE, bundle.riskClass().id());
            if (d.blocks()) {
                run.recordEvent(d.step(), lane, d.kind(), d.message(), attributes);
            } else {
                run.recordAllowedEvent(d.step(), lane, d.kind(), d.message(), attributes);
            }
        }
    }

    private String lane(String step, String asked, List<String> allowed, List<String> sensitive,
            List<RiskDecision> decisions) {
        if (!sensitive.isEmpty() && !RiskBundle.PREMIUM_LANE.equals(asked)) {
            decisions.add(new RiskDecision(PolicyEvent.RISK_LANE, step, step + " moved to lane "
                    + RiskBundle.PREMIUM_LANE + " (asked: " + asked + ")", "it touches the security-sensitive path(s) "
                    + String.join(", ", sensitive) + " of " + cls()));
            return RiskBundle.PREMIUM_LANE;
        }
        if (!sensitive.isEmpty() || allowed.isEmpty() || allowed.contains(asked)) {
            return asked;
        }
        String lane = allowed.get(0);
        decisions.add(new RiskDecision(PolicyEvent.RISK_LANE, step, step + " moved to lane " + lane + " (asked: "
                + asked + ")", cls() + " allows " + step + " only on " + String.join(", ", allowed)));
        return lane;
    }

}
