package io.ailanes.jenkins.run;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeKind;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.engine.run.AiRun;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import io.ailanes.jenkins.config.FolderLayers;
import io.ailanes.jenkins.config.JobRiskClass;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What one AI Lanes step works with: the build's engine run (shared with the build's other steps), a view of it
 * inside the step's budget scopes, the redactor, and the step's folders. On the controller the build keeps
 * {@code builds/N/ai-lanes/} (the audit and reports) with a folder per {@code out} for the step outputs; after each
 * step they are copied to {@code out} in the workspace and archived with the build.
 */
public final class AiStepScope implements AutoCloseable {

    private final Run<?, ?> run;
    private final TaskListener listener;
    private final FilePath workspace;
    private final Launcher launcher;
    private final EnvVars environment;
    private final AiLanesConfig config;
    private final BuildSessions.Session session;
    private final AiRun view;
    private final Redactor redactor;
    private final AiLanesRunAction action;
    private final String out;
    private final Path stepDir;
    private final String step;
    private final int number;
    /** The job's risk policy, resolved before the run opened (its allowedRegions narrowed the run's configuration). */
    private final RiskPolicy risk;

    private AiStepScope(Run<?, ?> run, TaskListener listener, FilePath workspace, Launcher launcher, EnvVars environment,
            AiLanesConfig config, BuildSessions.Session session, AiRun view, Redactor redactor, AiLanesRunAction action,
            String out, Path stepDir, String step, int number, RiskPolicy risk) {
        this.run = run;
        this.listener = listener;
        this.workspace = workspace;
        this.launcher = launcher;
        this.environment = environment;
        this.config = config;
        this.session = session;
        this.view = view;
        this.redactor = redactor;
        this.action = action;
        this.out = out;
        this.stepDir = stepDir;
        this.step = step;
        this.number = number;
        this.risk = risk;
    }

    /**
     * Opens the step's scope.
     *
     * @param step the step kind: plan, implement, review, call or report
     * @param out the workspace-relative output folder
     * @param budgetUsd the step's own cap, or null
     * @throws AbortException on a configuration problem (every problem listed)
     */
    public static AiStepScope open(StepContext context, String step, String out, Double budgetUsd)
            throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        EnvVars environment = context.get(EnvVars.class);
        AiBudgetContext blocks = context.get(AiBudgetContext.class);
        if (workspace == null && !"call".equals(step)) {
            throw needsWorkspace(step);
        }
        String folder = folder(out);
        AiLanesGlobalConfiguration settings = AiLanesGlobalConfiguration.get();
        AiLanesConfig config;
        EffectiveConfig effective;
        RiskPolicy risk;
        try {
            // The global configuration narrowed by the job's folders (outermost first), then by the job's risk class
            // (its allowedRegions), before the run opens: what this build runs with.
            EffectiveConfig folders = FolderLayers.effective(settings.toConfig(), run.getParent());
            RiskPolicy.Narrowed narrowed = JobRiskClass.policy(run.getParent(), folders.config(), folders.riskClass())
                    .narrow(folders);
            effective = narrowed.config();
            risk = narrowed.policy();
            config = effective.config();
        } catch (IllegalArgumentException e) {
            throw new AbortException("AI Lanes configuration: " + e.getMessage());
        } catch (ConfigException e) {
            throw new AbortException(e.getMessage());
        }
        if (budgetUsd != null && !(budgetUsd > 0)) {
            throw new AbortException("budgetUsd must be a positive amount of USD, was " + budgetUsd);
        }
        AiLanesRunAction action = AiLanesRunAction.of(run);
        int number = action.nextStep();
        String runId = run.getExternalizableId();
        Path buildDir = new File(run.getRootDir(), AiLanesRunAction.DIR).toPath();
        Path stepDir = buildDir.resolve("out").resolve(folder.replace('/', '_'));
        Files.createDirectories(stepDir);
        EffectiveConfig opened = effective;
        StepConsole.INSTANCE.attach(listener);
        BuildSessions.Session session;
        try {
            session = BuildSessions.get().acquire(runId, () -> {
                AiRun opening = AiRun.open(opened, settings.configFile(), new JenkinsSecrets(run),
                        new AiRun.Options(runId, run.getParent().getFullName(), buildDir, null,
                                "full".equals(opened.config().audit()) ? AuditMode.FULL : AuditMode.HASHES, null,
                                StepConsole.INSTANCE, Clock.systemUTC(), JenkinsProxy.settings()),
                        ControllerLedger.get().ledger());
                try {
                    // Where the run opens with it: a step joining an open run runs with that run's configuration.
                    // Shown in the log and audited once per build, again only if a folder or the class changed it.
                    opening.recordEffectiveConfig(opened);
                    return opening;
                } catch (RuntimeException e) {
                    opening.close();
                    throw e;
                }
            }, action::addLedgerEvent);
        } catch (ConfigException e) {
            StepConsole.INSTANCE.detach();
            throw new AbortException(e.getMessage());
        } catch (RuntimeException e) {
            StepConsole.INSTANCE.detach();
            throw e;
        }
        try {
            Map<ScopeId, BigDecimal> enclosing = new LinkedHashMap<>();
            if (budgetUsd != null) {
                enclosing.put(new ScopeId(ScopeKind.STEP, runId + "/" + step + "@" + number + " budgetUsd"),
                        BigDecimal.valueOf(budgetUsd));
            }
            if (blocks != null) {
                enclosing.putAll(blocks.scopes());
            }
            AiRun view = session.run().within(Integer.toString(number), enclosing);
            return new AiStepScope(run, listener, workspace, launcher, environment, config, session, view,
                    Redactor.forRun(view.secretValues(), environment), action, folder, stepDir, step, number,
                    risk);
        } catch (RuntimeException e) {
            StepConsole.INSTANCE.detach();
            BuildSessions.get().release(session);
            throw e;
        }
    }

    /** A workspace-relative folder without {@code ..} or a leading {@code /}. */
    public static String folder(String out) throws AbortException {
        String folder = out == null || out.isBlank() ? "ai-lanes" : out.strip().replace('\\', '/');
        while (folder.endsWith("/") && folder.length() > 1) {
            folder = folder.substring(0, folder.length() - 1);
        }
        if (folder.startsWith("/") || folder.matches("^[A-Za-z]:.*") || List.of(folder.split("/")).contains("..")) {
            throw new AbortException("out must be a folder inside the workspace, not '" + out + "'");
        }
        return folder;
    }

    public AiRun run() {
        return view;
    }

    /** The job's risk class policy ({@link JobRiskClass}), with the region narrowing among its decisions. */
    public RiskPolicy risk() {
        return risk;
    }

    public Redactor redactor() {
        return redactor;
    }

    public AiLanesConfig config() {
        return config;
    }

    public TaskListener listener() {
        return listener;
    }

    public Run<?, ?> build() {
        return run;
    }

    public AiLanesRunAction action() {
        return action;
    }

    public String step() {
        return step;
    }

    public int number() {
        return number;
    }

    /** The workspace, or an error naming the step when it runs outside {@code node}. */
    public FilePath workspace() throws AbortException {
        if (workspace == null) {
            throw needsWorkspace(step);
        }
        return workspace;
    }

    private static AbortException needsWorkspace(String step) {
        return new AbortException("ai" + Character.toUpperCase(step.charAt(0)) + step.substring(1)
                + " needs a workspace: run it inside node { } (in a declarative pipeline, a stage with an agent)");
    }

    public Launcher launcher() {
        return launcher;
    }

    public EnvVars environment() {
        return environment == null ? new EnvVars() : environment;
    }

    /** The workspace-relative output folder. */
    public String out() {
        return out;
    }

    /** Where this step's own outputs (plan.json, changes.patch, gates.xml, review.*) go on the controller. */
    public Path stepDir() {
        return stepDir;
    }

    /**
     * Writes cost.json and report.html from the build's audit, updates the build's action, and, with a workspace,
     * copies the build's files to {@code out} and archives them. One step at a time per build, so parallel steps do
     * not write the same report at once.
     */
    public CostReport finish(String title) throws IOException, InterruptedException {
        synchronized (session) {
            CostReport report = view.writeReports(title);
            action.update(report);
            if (workspace != null) {
                publish();
            }
            run.save();
            return report;
        }
    }

    private void publish() throws IOException, InterruptedException {
        FilePath target = workspace.child(out);
        target.mkdirs();
        Map<String, String> artifacts = new LinkedHashMap<>();
        List<File> files = new ArrayList<>();
        File[] shared = view.options().outDir().toFile().listFiles(File::isFile);
        File[] own = stepDir.toFile().listFiles(File::isFile);
        for (File[] group : List.of(shared == null ? new File[0] : shared, own == null ? new File[0] : own)) {
            files.addAll(List.of(group));
        }
        for (File file : files) {
            target.child(file.getName()).copyFrom(new FilePath(file));
            String path = out + "/" + file.getName();
            artifacts.put(path, path);
        }
        if (!artifacts.isEmpty() && launcher != null) {
            run.pickArtifactManager().archive(workspace, launcher, new BuildListenerAdapter(listener), artifacts);
        }
        listener.getLogger().println("[ai-lanes] " + artifacts.size() + " file(s) in " + out + "/, archived with the build");
    }

    @Override
    public void close() {
        StepConsole.INSTANCE.detach();
        BuildSessions.get().release(session);
    }
}
