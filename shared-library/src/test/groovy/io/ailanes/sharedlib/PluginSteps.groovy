package io.ailanes.sharedlib

/**
 * The plugin's Pipeline steps as the step contract defines them (parameter names and types, what each
 * returns), for mocks that refuse any call the real steps would not accept. The shared steps and every
 * Jenkinsfile in the docs are run against these, so a renamed or misspelt parameter fails a test. The
 * plugin's {@code PluginStepsMirrorTest} holds this mirror to the real steps (their DescribableModels and
 * form lists), so it cannot drift from them.
 */
final class PluginSteps {

    /** Parameter name to type, per step. Integer stands for a whole number, Number for a USD amount. */
    static final Map<String, Map<String, Class>> PARAMETERS = [
            aiPlan      : [task: String, taskFile: String, lane: String, context: List, maxContextTokens: Integer,
                           maxOutputTokens: Integer, budgetUsd: Number, out: String],
            aiImplement : [plan: String, gates: List, usePlanGates: Boolean, allowedGateCommands: List,
                           maxRounds: Integer, escalate: Boolean, allowPaths: List, allowOtherFiles: Boolean,
                           onFailure: String, lane: String, format: String, maxOutputTokens: Integer,
                           failOnGateFailure: Boolean, budgetUsd: Number, out: String],
            aiReview    : [plan: String, base: String, diff: String, failOn: String, unstable: Boolean, lane: String,
                           maxOutputTokens: Integer, budgetUsd: Number, out: String],
            withAiBudget: [usd: Number],
            aiCall      : [prompt: String, lane: String, system: String, maxOutputTokens: Integer, budgetUsd: Number],
            aiReport    : [out: String],
            aiApply     : [sha256: String, approvedBy: String, out: String],
    ]

    /** Parameters with a fixed set of values. */
    static final Map<String, List<String>> CHOICES = [
            'aiImplement.onFailure': ['keep', 'revert'],
            'aiImplement.format'   : ['search-replace', 'unified-diff', 'whole-file'],
            'aiReview.failOn'      : ['high', 'medium', 'low', 'never'],
    ]

    /** Steps that run a block. */
    static final List<String> BLOCK_STEPS = ['withAiBudget']

    private PluginSteps() {}

    /** @throws ContractViolation naming the step and the parameter the real step would refuse */
    static void check(String step, Map args) {
        Map<String, Class> known = PARAMETERS[step]
        args.each { key, value ->
            String name = String.valueOf(key)
            if (!known.containsKey(name)) {
                throw new ContractViolation("$step has no parameter '$name'; it takes ${known.keySet().join(', ')}")
            }
            Class type = known[name]
            if (value != null && !(type == String ? value instanceof CharSequence : type.isInstance(value))) {
                throw new ContractViolation("$step: $name must be a ${type.simpleName}, got ${value.getClass().simpleName} $value")
            }
            List<String> choices = CHOICES["$step.$name".toString()]
            if (choices != null && value != null && !choices.contains(value.toString())) {
                throw new ContractViolation("$step: $name must be one of $choices, got '$value'")
            }
        }
        if (step == 'aiPlan' && (args.task == null) == (args.taskFile == null)) {
            throw new ContractViolation('aiPlan needs exactly one of task and taskFile')
        }
        if (step == 'aiCall' && !(args.prompt instanceof CharSequence)) {
            throw new ContractViolation('aiCall needs a prompt')
        }
        if (step == 'aiApply' && !(args.sha256 instanceof CharSequence && args.approvedBy instanceof CharSequence)) {
            throw new ContractViolation('aiApply needs sha256 and approvedBy')
        }
        if (step == 'withAiBudget' && !(args.usd instanceof Number && ((Number) args.usd) > 0)) {
            throw new ContractViolation("withAiBudget needs a positive usd, got ${args.usd}")
        }
    }

    /** What each step returns when a test does not say otherwise: a plan, a passing change, an approving review. */
    static Object defaultResult(String step, Map args) {
        String out = args.out ?: 'ai-lanes'
        switch (step) {
            case 'aiPlan':
                return [summary           : 'Add a --verbose flag to the CLI',
                        steps             : [[description: 'Parse --verbose', files: ['src/Main.java']]],
                        files             : [[path: 'src/Main.java', action: 'modify', why: 'the option parser lives here']],
                        acceptanceCriteria: ['--verbose prints each step'],
                        risks             : [],
                        gates             : [[name: 'test', command: 'mvn -B test']],
                        sha256            : '9f2c' * 16,
                        planJson          : "$out/plan.json".toString(),
                        planMd            : "$out/plan.md".toString(),
                        costUsd           : '0.0912']
            case 'aiImplement':
                return [passed      : true, rounds: 1, escalated: false, lane: 'execution',
                        model       : 'deepseek/deepseek-chat', family: 'deepseek',
                        filesChanged: ['src/Main.java'], linesAdded: 12, linesRemoved: 3,
                        patch       : "$out/changes.patch".toString(), gatesXml: "$out/gates.xml".toString(),
                        costUsd     : '0.0041', failure: null, riskClass: 'high', reviewRequired: true,
                        approvalRequired: false]
            case 'aiReview':
                return [verdict : 'approve', summary: 'The change does what the plan says.', failed: false,
                        model   : 'openai/gpt-5', findings: [], counts: [high: 0, medium: 0, low: 0],
                        sarif   : "$out/review.sarif".toString(), junit: "$out/review.xml".toString(),
                        costUsd : '0.0803']
            case 'aiCall':
                return 'FooTest.bar failed: expected 2 but was 3 (src/Foo.java:42). Check the off-by-one in count().'
            case 'aiApply':
                return [applied: true, approvedBy: args.approvedBy, sha256: args.sha256, files: ['src/Main.java']]
            case 'aiReport':
                return [costUsd: '0.1756', savingUsd: '0.4123', report: "$out/report.html".toString()]
            default:
                throw new IllegalArgumentException(step)
        }
    }

    /** What aiImplement returns when the job's risk class holds the change for approval. */
    static Map held(String out = 'ai-lanes') {
        Map result = (Map) defaultResult('aiImplement', [out: out])
        result.filesChanged = ['src/main/java/com/acme/auth/LoginFilter.java']
        result.riskClass = 'critical'
        result.approvalRequired = true
        result.approval = [patch         : "$out/changes.patch".toString(), sha256: '5f1c' * 16,
                           sensitivePaths: ['src/main/java/com/acme/auth/LoginFilter.java'], approvers: 'security-team',
                           riskClass     : 'critical', out: out]
        return result
    }

    /** A call the real plugin step would refuse. */
    static final class ContractViolation extends AssertionError {
        ContractViolation(String message) {
            super(message, (Throwable) null)
        }
    }
}
