package io.ailanes.cli;

import io.ailanes.engine.error.AiLanesException;
import io.ailanes.engine.config.Secrets;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ai-lanes} command. */
@Command(
        name = "ai-lanes",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Plan with a premium model, implement with a cheap one, let gates decide, cap the spend.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:gates still failing (implement, run, demo), review findings at or above --fail-on (review, run),"
                    + " or an audit log that is not intact (audit verify)",
            "2:usage or configuration error (nothing was sent)",
            "3:provider error (see the message: provider, model, HTTP status, provider's message)",
            "4:budget refusal",
            "5:change held for approval: it touches a security-sensitive path of its risk class; the workspace is"
                    + " as before, the patch is written (apply it with ai-lanes apply after approval)",
            "6:step refused by the risk class (e.g. implement under a class with allowImplement: false)"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  Provider keys: the variables each provider's credentialsId names.",
            "  HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY (or lower case): a proxy",
            "    for provider calls, read as curl reads them.",
            "  AI_LANES_HOME: where the budget ledger lives (default ~/.ai-lanes).",
            "  More in docs/CLI.md."
        })
public final class AiLanes implements Runnable {

    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int PROVIDER = 3;
    public static final int BUDGET = 4;
    public static final int APPROVAL_REQUIRED = 5;
    public static final int RISK_REFUSED = 6;

    /**
     * The subcommands, in the order help lists them. They are added in {@link #execute}, not named in the
     * annotation: picocli reads every option of every command it is given, which took a third of a call's start-up,
     * so a command line that starts with a subcommand's name gets only that subcommand; any other (help, a typo)
     * gets them all, and so the same answer as before.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands(DemoCommand.class, RunCommand.class,
            CallCommand.class, PlanCommand.class, ImplementCommand.class, ApplyCommand.class, ReviewCommand.class,
            PricesCommand.class, RegionsCommand.class, AuditCommand.class, ReportCommand.class, SimulateCommand.class,
            ForecastCommand.class, DemoProviderCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    private AiLanes(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Map<String, String> environment() {
        return environment;
    }

    /**
     * Masks what must never reach a provider: the run's credentials, every environment value that looks
     * like a credential by its name, and common key patterns.
     */
    io.ailanes.engine.redact.Redactor redactor(io.ailanes.engine.run.AiRun run) {
        return io.ailanes.engine.redact.Redactor.forRun(run.secretValues(), environment);
    }

    /** Credentials by environment variable name (configuration files hold only the names). */
    Secrets secrets() {
        return name -> Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        StartUp.begin(args);
        System.exit(execute(args, console(System.out, "sun.stdout.encoding"), console(System.err, "sun.stderr.encoding"),
                System.getenv()));
    }

    /**
     * A writer with the encoding the JVM gave the stream (Java 17 has no {@code PrintStream.charset()}): the
     * console's where the JVM set one, else the platform's, as {@code new PrintWriter(stream)} would use.
     */
    private static PrintWriter console(java.io.PrintStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        java.nio.charset.Charset charset = name != null && java.nio.charset.Charset.isSupported(name)
                ? java.nio.charset.Charset.forName(name) : java.nio.charset.Charset.defaultCharset();
        return new PrintWriter(new java.io.OutputStreamWriter(stream, charset), true);
    }

    /** Runs the command with the given streams and environment; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new AiLanes(environment));
        Class<?> only = args.length == 0 ? null : SUBCOMMANDS.get(args[0]);
        for (Class<?> subcommand : SUBCOMMANDS.values()) {
            if (only == null || only == subcommand) {
                commandLine.addSubcommand(subcommand);
            }
        }
        // after the subcommands: these settings reach only the subcommands added before them
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(AiLanes::exitCode);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("ai-lanes: " + describe(e));
            cmd.getErr().flush();
            return exitCode(e);
        });
        return commandLine.execute(args);
    }

    private static Map<String, Class<?>> subcommands(Class<?>... commands) {
        Map<String, Class<?>> byName = new java.util.LinkedHashMap<>();
        for (Class<?> command : commands) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    /** The message, with the kind of file-system failure when the message is only a path. */
    static String describe(Throwable e) {
        Throwable cause = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof java.nio.file.FileSystemException fs && fs.getReason() == null) {
            String kind = cause.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
            return kind.toLowerCase(java.util.Locale.ROOT) + ": " + fs.getFile()
                    + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static int exitCode(Throwable e) {
        if (e instanceof io.ailanes.engine.riskpolicy.RiskRefusedException) {
            return RISK_REFUSED; // its own code: a policy said no, not a usage error
        }
        if (e instanceof AiLanesException known) {
            return switch (known.category()) {
                case USAGE -> USAGE;
                case BUDGET -> BUDGET;
                case PROVIDER -> PROVIDER;
            };
        }
        if (e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException) {
            return USAGE; // a bad option value, found by a command's own checks
        }
        return 1;
    }
}
