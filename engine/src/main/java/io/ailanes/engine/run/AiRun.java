package io.ailanes.engine.run;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditLog;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.LedgerStore;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeKind;
import io.ailanes.engine.budget.ScopeState;
import io.ailanes.engine.budget.TokenEstimator;
import io.ailanes.engine.budget.Tokenizer;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.BudgetSettings;
import io.ailanes.engine.config.ResidencySettings;
import io.ailanes.engine.config.Secrets;
import io.ailanes.engine.config.ValidatedConfig;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.engine.lane.CallSpec;
import io.ailanes.engine.lane.CircuitBreaker;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.LaneRouter;
import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.http.Providers;
import io.ailanes.engine.provider.proxy.ProxySettings;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.BudgetLine;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.residency.ResidencyCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One build (or CLI run) of AI Lanes: the configured providers, price catalog, lanes, budget ledger,
 * circuit breakers and audit log, wired together. Steps make their model calls through {@link #call}.
 */
public final class AiRun implements AutoCloseable {

    private static final String EVENT_PREFIX = "event-";

    /**
     * What a run needs from its host.
     *
     * @param runId identifies the run (Jenkins: job#number)
     * @param job the job name, for the per-job monthly budget
     * @param outDir where audit.jsonl and the reports go
     * @param buildCapUsd the build's cap from {@code withAiBudget}/{@code --budget}, or null for the configured default
     * @param auditMode hashes only, or full (redacted) text
     * @param ledgerStore where budget state lives (a file in the CLI, the build and controller in Jenkins)
     * @param console progress lines
     * @param clock time (budget day and month keys, breaker cooldowns)
     * @param proxy how provider calls reach the network (null: {@link ProxySettings#SYSTEM}); its passwords are
     *     redacted like the keys
     */
    public record Options(
            String runId,
            String job,
            Path outDir,
            BigDecimal buildCapUsd,
            AuditMode auditMode,
            LedgerStore ledgerStore,
            Console console,
            Clock clock,
            ProxySettings proxy) {

        public Options {
            proxy = proxy == null ? ProxySettings.SYSTEM : proxy;
        }

        /** Options whose provider calls use the JVM's default proxy selector. */
        public Options(String runId, String job, Path outDir, BigDecimal buildCapUsd, AuditMode auditMode,
                LedgerStore ledgerStore, Console console, Clock clock) {
            this(runId, job, outDir, buildCapUsd, auditMode, ledgerStore, console, clock, ProxySettings.SYSTEM);
        }
    }

    private final Options options;
    private final AiLanesConfig config;
    private final Map<String, ChatProvider> providers;
    private final PriceCatalog catalog;
    private final BudgetLedger ledger;
    private final LaneRouter router;
    private final AuditLog audit;
    private final List<ScopeId> runScopes;
    private final List<String> secretValues;
    private final AtomicLong calls;
    private final AtomicLong events;
    /** The summary of the effective configuration this run's audit last recorded, shared with its views. */
    private final LastEffective effective;
    /** Distinguishes the step scopes of views that share this run ({@link #within}); empty for the run itself. */
    private final String stepInstance;
    /** Whether {@link #close} releases the providers and the audit log (false for views). */
    private final boolean owner;

    private AiRun(Options options, AiLanesConfig config, Map<String, ChatProvider> providers, PriceCatalog catalog,
            BudgetLedger ledger, LaneRouter router, AuditLog audit, List<ScopeId> runScopes, List<String> secretValues,
            AtomicLong calls, AtomicLong events, LastEffective effective,
            String stepInstance, boolean owner) {
        this.secretValues = List.copyOf(secretValues);
        this.options = options;
        this.config = config;
        this.providers = providers;
        this.catalog = catalog;
        this.ledger = ledger;
        this.router = router;
        this.audit = audit;
        this.runScopes = List.copyOf(runScopes);
        this.calls = calls;
        this.events = events;
        this.effective = effective;
        this.stepInstance = stepInstance;
        this.owner = owner;
    }

    /**
     * Validates the configuration (every problem at once) and opens the run.
     *
     * @param configFile where the configuration came from (price files are relative to it)
     * @throws io.ailanes.engine.config.ConfigException on any configuration problem
     */
    public static AiRun open(AiLanesConfig config, Path configFile, Secrets secrets, Options options) {
        return open(config, configFile, secrets, options, null);
    }

    /**
     * Opens the run on a ledger the host shares between runs (Jenkins: one per controller, so that concurrent builds
     * and parallel branches reserve against the same job-month and global-day spend atomically). The options'
     * ledger store is not used.
     *
     * @param sharedLedger the ledger, or null to open one on {@code options.ledgerStore()}
     */
    public static AiRun open(AiLanesConfig config, Path configFile, Secrets secrets, Options options,
            BudgetLedger sharedLedger) {
        return open(config, () -> ResidencySettings.policy(config), configFile, secrets, options, sharedLedger);
    }

    /**
     * Opens the run with an effective configuration (layers, a risk class's allowed regions): a provider its allowed
     * regions refuse is skipped naming the layer that set them. The caller records the configuration
     * ({@link #recordEffectiveConfig}).
     *
     * @param sharedLedger the ledger, or null to open one on {@code options.ledgerStore()}
     */
    public static AiRun open(EffectiveConfig effective, Path configFile, Secrets secrets, Options options,
            BudgetLedger sharedLedger) {
        return open(effective.config(), effective::regionPolicy, configFile, secrets, options, sharedLedger);
    }

    /** @param regions the allowed regions, read once the configuration is valid */
    private static AiRun open(AiLanesConfig config,
            java.util.function.Supplier<io.ailanes.engine.residency.RegionPolicy> regions, Path configFile,
            Secrets secrets, Options options, BudgetLedger sharedLedger) {
        ValidatedConfig valid = ValidatedConfig.validate(config, configFile, secrets);
        Map<String, ProviderConfig> providerConfigs = valid.providers();
        PriceCatalog catalog = valid.catalog();
        Map<String, Lane> lanes = valid.lanes();
        List<String> secretValues = new ArrayList<>();
        providerConfigs.values().forEach(p -> {
            secretValues.add(p.apiKey().reveal());
            secretValues.addAll(p.headers().values());
        });
        secretValues.addAll(options.proxy().secretValues());
        Redactor redactor = Redactor.of(secretValues.toArray(String[]::new));
        AuditLog audit;
        try {
            Files.createDirectories(options.outDir());
            audit = AuditLog.open(options.outDir().resolve("audit.jsonl"), options.auditMode(), redactor, options.clock());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log in " + options.outDir() + ": " + e.getMessage(), e);
        }
        BudgetLedger ledger = sharedLedger != null ? sharedLedger : new BudgetLedger(options.ledgerStore());
        List<ScopeId> runScopes = runScopes(config.budgets(), options, ledger);
        Map<String, String> runAttributes = new LinkedHashMap<>();
        Lane reasoning = lanes.get(Lane.REASONING);
        if (reasoning != null) {
            runAttributes.put(AuditReports.PREMIUM, reasoning.primary().toString());
        }
        if (catalog.date() != null) {
            runAttributes.put(AuditReports.PRICES_AS_OF, catalog.date().toString());
        }
        ResidencyCheck residency = ResidencySettings.check(config, providerConfigs, regions.get());
        if (residency.policy().restricts()) {
            runAttributes.put(AuditReports.ALLOWED_REGIONS, String.join(",", residency.policy().allowed()));
        }
        Map<String, BigDecimal> caps = new LinkedHashMap<>();
        for (ScopeId scope : runScopes) {
            BigDecimal cap = ledger.state(scope).cap();
            if (cap != null) {
                caps.put(scope.kind().name() + " " + scope.describe(), cap);
            }
        }
        if (!caps.isEmpty()) {
            runAttributes.put(AuditReports.CAPS, AuditReports.caps(caps));
        }
        Map<String, ChatProvider> providers = new LinkedHashMap<>();
        providerConfigs.forEach((id, providerConfig) -> providers.put(id, Providers.create(providerConfig, options.proxy())));
        CircuitBreaker breaker = new CircuitBreaker(valid.breakerThreshold(), valid.breakerCooldown(), options.clock());
        LaneRouter router = new LaneRouter(lanes, providers, catalog, ledger, breaker,
                (request, price) -> TokenEstimator.upperBound(request, Tokenizer.forModel(price.ref())),
                new AuditingListener(audit, options.console(), options.runId(), catalog, runAttributes, residency),
                residency);
        Used used = usedNumbers(audit.path(), options.runId(), audit.lastSeq());
        return new AiRun(options, config, providers, catalog, ledger, router, audit, runScopes,
                secretValues.stream().filter(v -> v != null && !v.isEmpty()).toList(), new AtomicLong(used.calls()),
                new AtomicLong(used.events()), new LastEffective(used.effective()),
                "", true);
    }

    /** What a run's audit already holds: the highest call and event numbers, the last effective configuration. */
    private record Used(long calls, long events, String effective) {}

    /** The last recorded summary; also the lock that keeps two steps from recording it twice. */
    private static final class LastEffective {
        private String summary;

        LastEffective(String summary) {
            this.summary = summary;
        }
    }

    /**
     * The highest call and event numbers the run's audit already holds. A host that opens the same run again (Jenkins
     * opens it per step, and again after a restart) continues numbering, so call ids and their budget scopes are never
     * reused within a run; and it shows the effective configuration again only when it changed.
     */
    private static Used usedNumbers(Path auditFile, String runId, long lines) {
        long[] used = {0, 0};
        String effective = null;
        if (lines == 0) {
            return new Used(0, 0, null);
        }
        String prefix = runId + "/";
        try (AuditReader reader = AuditReader.open(auditFile)) {
            for (AuditEntry entry : reader) {
                String id = entry.callId();
                if (runId.equals(entry.runId()) && EffectiveConfig.EVENT.equals(entry.attributes().get(AuditReports.EVENT))) {
                    effective = entry.errorMessage();
                }
                if (id == null || !id.startsWith(prefix)) {
                    continue;
                }
                String rest = id.substring(prefix.length());
                boolean event = rest.startsWith(EVENT_PREFIX);
                String digits = event ? rest.substring(EVENT_PREFIX.length()) : rest;
                if (!digits.isEmpty() && digits.length() < 19 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    int slot = event ? 1 : 0;
                    used[slot] = Math.max(used[slot], Long.parseLong(digits));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + auditFile + ": " + e.getMessage(), e);
        }
        return new Used(used[0], used[1], effective);
    }

    /**
     * A view of this run for one step instance: it shares the providers, ledger, router and audit log (so parallel
     * steps of one build write one hash-chained audit), holds every call also against {@code enclosing} (innermost
     * first, each with its cap, e.g. the {@code withAiBudget} blocks around the step), and gives the step its own
     * step scope. Closing a view releases nothing; close the run itself.
     *
     * @param stepInstance distinguishes this step's scope from other steps of the same kind in the run
     * @param enclosing scopes and caps, innermost first; a null cap tracks the scope without capping it
     */
    public AiRun within(String stepInstance, Map<ScopeId, BigDecimal> enclosing) {
        List<ScopeId> scopes = new ArrayList<>();
        enclosing.forEach((scope, cap) -> {
            capIfSet(ledger, scope, cap);
            scopes.add(scope);
        });
        scopes.addAll(runScopes);
        return new AiRun(options, config, providers, catalog, ledger, router, audit, scopes, secretValues, calls, events,
                effective, stepInstance == null ? "" : stepInstance, false);
    }

    /** The build, job-month and global-day scopes, outermost last, with their caps set. */
    private static List<ScopeId> runScopes(BudgetSettings budgets, Options options, BudgetLedger ledger) {
        ScopeId build = ScopeId.build(options.runId());
        ScopeId month = ScopeId.jobMonth(options.job(), options.clock());
        ScopeId day = ScopeId.globalDay(options.clock());
        BigDecimal buildCap = options.buildCapUsd() != null ? options.buildCapUsd() : budgets.perBuildUsd();
        // Set even when null: on a ledger shared between runs, a cap the configuration no longer has must go.
        ledger.setCap(build, buildCap);
        ledger.setCap(month, budgets.perJobMonthUsd());
        ledger.setCap(day, budgets.globalPerDayUsd());
        return List.of(build, month, day);
    }

    private static void capIfSet(BudgetLedger ledger, ScopeId scope, BigDecimal cap) {
        if (cap != null) {
            ledger.setCap(scope, cap);
        }
    }

    /**
     * Makes one model call through a lane, under the call, step, build, job-month and global-day budgets.
     *
     * @param step the step (plan, implement, review...), which is also its budget scope
     * @param lane the lane
     * @param request the request (its model is chosen by the router)
     * @param floorOutputTokens the fewest output tokens the step can use
     * @param avoidFamily a family to pass over (review of an implementer's work), or null
     */
    public RoutedResponse call(String step, String lane, ChatRequest request, long floorOutputTokens,
            String avoidFamily, CallListener text, Cancellation cancellation, Map<String, String> attributes) {
        String callId = options.runId() + "/" + calls.incrementAndGet();
        ScopeId callScope = ScopeId.call(callId);
        ScopeId stepScope = ScopeId.step(options.runId() + "/" + step + (stepInstance.isEmpty() ? "" : "@" + stepInstance));
        capIfSet(ledger, callScope, config.budgets().perCallUsd());
        capIfSet(ledger, stepScope, config.budgets().perStepUsd());
        // Each lane has its own scope, so an escalation to the reasoning lane spends under that lane's cap.
        ScopeId laneScope = new ScopeId(ScopeKind.LANE, options.runId() + "/" + lane);
        config.lanes().stream()
                .filter(settings -> settings != null && lane.equals(settings.name()))
                .findFirst()
                .ifPresent(settings -> capIfSet(ledger, laneScope, settings.budgetUsd()));
        List<ScopeId> chain = new ArrayList<>();
        chain.add(callScope);
        chain.add(stepScope);
        chain.add(laneScope);
        chain.addAll(runScopes);
        return router.call(new CallSpec(callId, step, lane, request, floorOutputTokens, avoidFamily, chain, text,
                cancellation, attributes));
    }

    /**
     * Records something a policy blocked (an edit outside the rules, a refused gate command) in the audit, as a
     * line without tokens or cost, so a review of the audit sees every attempt, not only the calls.
     *
     * @param kind what was blocked, e.g. {@code EDIT_REJECTED}; also the line's error kind
     * @param message what was blocked and why (redacted by the audit log)
     */
    public void recordEvent(String step, String lane, String kind, String message, Map<String, String> attributes) {
        recordEvent(step, lane, kind, message, attributes, true);
    }

    /**
     * Shows the effective configuration of a layered run (Jenkins folders, CLI narrowing files) on the console and
     * records it in the audit as an {@value EffectiveConfig#EVENT} line with every value and the layer that set it.
     * Once per run: a host that opens the run again (Jenkins, per step) writes it again only when it changed. A run
     * without layers records nothing.
     *
     * @return whether it was recorded now
     */
    public boolean recordEffectiveConfig(EffectiveConfig config) {
        if (!config.layered()) {
            return false;
        }
        String summary = config.summary();
        synchronized (effective) {
            if (summary.equals(effective.summary)) {
                return false;
            }
            Map<String, String> attributes = new LinkedHashMap<>(config.auditAttributes());
            attributes.put(AuditReports.EVENT, EffectiveConfig.EVENT);
            // As on every call line: a report finds the premium model on the first line and reads the audit once.
            this.config.lanes().stream()
                    .filter(lane -> lane != null && Lane.REASONING.equals(lane.name()) && !lane.models().isEmpty())
                    .findFirst()
                    .ifPresent(lane -> attributes.put(AuditReports.PREMIUM, ModelRef.parse(lane.models().get(0)).toString()));
            audit.append(AuditEntry.builder()
                    .runId(options.runId())
                    .callId(options.runId() + "/" + EVENT_PREFIX + events.incrementAndGet())
                    .step("run")
                    .outcome(AuditOutcome.SUCCEEDED)
                    .error(EffectiveConfig.EVENT, null, summary)
                    .attributes(attributes)
                    .build());
            effective.summary = summary;
        }
        config.summaryLines().forEach(line -> options.console().line("[ai-lanes] " + line));
        return true;
    }

    /**
     * Records something the policy let through but the admin must see (a change to a sensitive build file): an
     * event line like {@link #recordEvent}, with outcome SUCCEEDED, shown on the reports among the policy events.
     */
    public void recordAllowedEvent(String step, String lane, String kind, String message, Map<String, String> attributes) {
        recordEvent(step, lane, kind, message, attributes, false);
    }

    private void recordEvent(String step, String lane, String kind, String message, Map<String, String> attributes,
            boolean blocked) {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        all.put(AuditReports.EVENT, kind);
        audit.append(AuditEntry.builder()
                .runId(options.runId())
                .callId(options.runId() + "/" + EVENT_PREFIX + events.incrementAndGet())
                .step(step)
                .lane(lane)
                .outcome(blocked ? AuditOutcome.REFUSED : AuditOutcome.SUCCEEDED)
                .error(kind, null, message)
                .attributes(all)
                .build());
        options.console().line("[ai-lanes] " + step + ": " + (blocked ? "blocked" : "audited") + " (" + kind + "): "
                + message);
    }

    /**
     * Records a call of this run that was in flight when its host stopped (a Jenkins controller restart or crash):
     * the ledger found its reservation open on start and counted it as spent in full, since the provider may have
     * billed it. This puts the same amount in the run's audit under the call's own id, so the run's reports add up
     * to what its budgets hold. The step and lane are read from the reservation's scopes.
     *
     * @param held the reservation, from {@link BudgetLedger#unsettledAfterCrash()}; it must belong to this run
     */
    public void recordInterrupted(io.ailanes.engine.budget.Reservation held) {
        String prefix = options.runId() + "/";
        String callId = prefix + "interrupted-" + held.id();
        String step = null;
        String lane = null;
        for (ScopeId scope : held.chain()) {
            String key = scope.key();
            if (!key.startsWith(prefix)) {
                continue;
            }
            String rest = key.substring(prefix.length());
            switch (scope.kind()) {
                case CALL -> callId = key;
                case STEP -> step = step == null ? rest.replaceFirst("@.*$", "") : step;
                case LANE -> lane = rest;
                default -> { }
            }
        }
        audit.append(AuditEntry.builder()
                .runId(options.runId())
                .callId(callId)
                .attempt(1)
                .step(step == null ? "unknown" : step)
                .lane(lane == null ? "unknown" : lane)
                .outcome(AuditOutcome.FAILED)
                .error(INTERRUPTED, null, "the host stopped during this call; its reservation of "
                        + io.ailanes.engine.budget.Usd.format(held.amount())
                        + " is counted as spent, since the provider may have billed it")
                .costUsd(held.amount())
                .reservedUsd(held.amount())
                .attributes(Map.of("reservation", Long.toString(held.id())))
                .build());
        options.console().line("[ai-lanes] " + callId + " was in flight when the host stopped: "
                + io.ailanes.engine.budget.Usd.format(held.amount()) + " counted as spent");
    }

    /** The error kind of a call its host stopped in the middle of ({@link #recordInterrupted}). */
    public static final String INTERRUPTED = "INTERRUPTED";

    /** The run's build scope now: its cap, what settled and what is reserved by calls in flight. */
    public ScopeState buildState() {
        return ledger.state(runScopes.get(0));
    }

    /** The credential values this run holds, for redacting what is sent to providers. */
    public List<String> secretValues() {
        return secretValues;
    }

    public LaneRouter router() {
        return router;
    }

    public PriceCatalog catalog() {
        return catalog;
    }

    public BudgetLedger ledger() {
        return ledger;
    }

    public AuditLog audit() {
        return audit;
    }

    public Options options() {
        return options;
    }

    /**
     * Writes {@code cost.json} and {@code report.html} next to the audit log, with the ledger's budget states.
     *
     * @return the report written
     */
    public CostReport writeReports(String title) {
        List<BudgetLine> budgets = new ArrayList<>();
        for (ScopeState state : ledger.states()) {
            if (state.scope().kind() != ScopeKind.CALL && belongsToRun(state.scope())
                    && (state.cap() != null || runScopes.contains(state.scope()))) {
                budgets.add(new BudgetLine(state.scope().describe(), state.scope().kind().name(), state.cap(),
                        state.settled(), state.reserved(), state.hasOverrun()));
            }
        }
        try {
            CostReport report;
            // Appends hold the log's monitor: views of this run calling in parallel cannot leave a half-written
            // last line for the reader to trip on.
            synchronized (audit) {
                report = AuditReports.build(audit.path(), catalog, budgets, title);
            }
            AuditReports.write(report, options.outDir());
            report.calls().close(); // the spilled rows are in cost.json now; the totals and events stay
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports in " + options.outDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a scope is this run's: its own scopes, or one keyed under its run id (its steps, lanes, calls, budget
     * blocks). A shared ledger holds other runs' capped scopes too, which this run's report must not show.
     */
    private boolean belongsToRun(ScopeId scope) {
        return runScopes.contains(scope) || scope.key().startsWith(options.runId() + "/");
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        providers.values().forEach(ChatProvider::close);
        try {
            audit.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
