package io.ailanes.sharedlib

import com.lesfurets.jenkins.unit.BasePipelineTest
import com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration
import com.lesfurets.jenkins.unit.global.lib.SourceRetriever

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.atomic.AtomicInteger

/**
 * One Pipeline run under JenkinsPipelineUnit: the repository's vars/ and src/ loaded as the implicit
 * library {@code ai-lanes} (as Jenkins loads them), the plugin steps mocked to the contract
 * ({@link PluginSteps}), the standard steps of {@link StandardSteps}, and nothing else: a call to any other
 * step fails the run. Every step call is recorded with the withAiBudget caps around it.
 */
class Pipeline extends BasePipelineTest {

    /** The repository root: where vars/, src/, docs/ and the Jenkinsfile are. */
    static final Path ROOT = Paths.get(System.getProperty('ailanes.root', '..')).toAbsolutePath().normalize()

    /** Where inline test pipelines and doc examples are written to be loaded. */
    static final Path SCRATCH = Paths.get('target', 'pipelines').toAbsolutePath()

    private static final AtomicInteger NAMES = new AtomicInteger()

    /** Every step call, in order. */
    final List<StepCall> calls = []

    /** Results a test sets for plugin steps: a value, or a closure of the step's arguments. */
    final Map<String, Object> results = [:]

    /** Workspace files readFile can read. */
    final Map<String, String> files = [:]

    /** The withAiBudget caps around the running code, outermost first. */
    private final List<Number> budgets = []

    private static Pipeline shared

    /**
     * The pipeline harness, reset to a fresh build. One instance serves every test: compiling the library
     * once keeps the module's tests fast, and {@link #reset} leaves nothing of the previous run behind.
     */
    static synchronized Pipeline fresh() {
        if (shared == null) {
            shared = new Pipeline()
        }
        return shared.reset()
    }

    private Pipeline() {
        // Script roots become URLs when the script engine starts; a folder that does not exist yet would not end in '/'.
        Files.createDirectories(SCRATCH)
        scriptRoots = [ROOT.toString() + '/', SCRATCH.toString() + '/'] as String[]
        // Library classes under src/ are .groovy files, found through the compiler's default extension.
        scriptExtension = 'groovy'
        setUp()
        helper.registerSharedLibrary(LibraryConfiguration.library('ai-lanes')
                .defaultVersion('main')
                .implicit(true)
                .allowOverride(true)
                .targetPath(ROOT.toString())
                .retriever({ String name, String version, String target -> [ROOT.toUri().toURL()] } as SourceRetriever)
                .build())
    }

    /** A new build: no calls, results or files; fresh env, params and currentBuild; every mock as registered first. */
    Pipeline reset() {
        calls.clear()
        results.clear()
        files.clear()
        budgets.clear()
        helper.clearCallStack()
        // Only the steps listed here exist: JenkinsPipelineUnit's own defaults (step, input, gitlab*, ...) go,
        // except its interceptors for load, parallel and libraryResource.
        helper.allowedMethodCallbacks.keySet().retainAll { it.name in ['load', 'parallel', 'libraryResource'] }
        PluginSteps.PARAMETERS.keySet().each { step ->
            if (step in PluginSteps.BLOCK_STEPS) {
                helper.registerAllowedMethod(step, [Map, Closure], { Map args, Closure body -> budgetBlock(step, args, body) })
            } else {
                helper.registerAllowedMethod(step, [Map], { Map args -> pluginStep(step, args) })
                helper.registerAllowedMethod(step, [], { -> pluginStep(step, [:]) })
            }
        }
        StandardSteps.register(this)
        binding = new Binding()
        binding.setVariable('env', [:])
        binding.setVariable('params', [:])
        binding.setVariable('scm', [$class: 'GitSCM'])
        binding.setVariable('currentBuild', [result: 'SUCCESS', description: null, number: 42])
        // Declarative's `agent any` and `agent none` read these as variables.
        binding.setVariable('any', 'any')
        binding.setVariable('none', 'none')
        return this
    }

    Map getEnv() {
        binding.getVariable('env') as Map
    }

    Map getCurrentBuild() {
        binding.getVariable('currentBuild') as Map
    }

    /** Runs a pipeline given as text (written to a file first: JenkinsPipelineUnit loads scripts by name). */
    Object run(String source) {
        Files.createDirectories(SCRATCH)
        String name = 'Pipeline' + NAMES.incrementAndGet()
        Files.write(SCRATCH.resolve(name + '.groovy'), source.getBytes('UTF-8'))
        return runFile(name + '.groovy')
    }

    /** Runs a pipeline file found under {@link #ROOT} or {@link #SCRATCH}. */
    Object runFile(String name) {
        return runScript(loadScript(name))
    }

    /** The calls of one step, in order. */
    List<StepCall> callsOf(String step) {
        calls.findAll { it.step == step }
    }

    /** The names of the steps called, in order, leaving out those given. */
    List<String> stepNames(List<String> leaveOut = []) {
        calls*.step.findAll { !(it in leaveOut) }
    }

    void record(String step, Object[] args) {
        calls << new StepCall(step, args as List, new ArrayList<Number>(budgets))
    }

    private Object pluginStep(String step, Map args) {
        record(step, [args] as Object[])
        PluginSteps.check(step, args)
        Object result = results.containsKey(step) ? results[step] : PluginSteps.defaultResult(step, args)
        return result instanceof Closure ? ((Closure) result).call(args) : result
    }

    private Object budgetBlock(String step, Map args, Closure body) {
        record(step, [args, body] as Object[])
        PluginSteps.check(step, args)
        budgets << (Number) args.usd
        try {
            return body.call()
        } finally {
            budgets.remove(budgets.size() - 1)
        }
    }

    /** One step call: its arguments and the withAiBudget caps it ran inside, outermost first. */
    static final class StepCall {
        final String step
        final List args
        final List<Number> budgets

        StepCall(String step, List args, List<Number> budgets) {
            this.step = step
            this.args = args
            this.budgets = budgets
        }

        /** The named arguments, for steps called with a map. */
        Map getNamed() {
            args && args[0] instanceof Map ? (Map) args[0] : [:]
        }

        @Override
        String toString() {
            "$step(${args.collect { it instanceof Closure ? '{...}' : it }.join(', ')})" + (budgets ? " in budget $budgets" : '')
        }
    }
}
