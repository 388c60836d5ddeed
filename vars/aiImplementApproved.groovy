import groovy.transform.Field
import io.ailanes.pipeline.StepArguments

/*
 * aiImplementApproved: aiImplement, and when the job's risk class holds the change for approval (it touches a
 * security-sensitive path), an input step only the class's approvers may answer; approved, aiApply applies the
 * held patch (audited APPROVED with who approved); rejected, the build stops with the workspace as it was before
 * the step. Help: aiImplementApproved.txt. Only steps run here; the hold and the checks are in the plugin.
 */

/** aiImplement's parameters, passed on unchanged, and this step's own (kinds: see StepArguments). */
@Field final Map<String, String> PARAMETERS = [
        plan               : 'text',
        gates              : 'gates',
        usePlanGates       : 'flag',
        allowedGateCommands: 'texts',
        maxRounds          : 'count',
        escalate           : 'flag',
        allowPaths         : 'texts',
        allowOtherFiles    : 'flag',
        onFailure          : 'keep|revert',
        lane               : 'text',
        format             : 'search-replace|unified-diff|whole-file',
        maxOutputTokens    : 'count',
        failOnGateFailure  : 'flag',
        budgetUsd          : 'usd',
        out                : 'text',
        approvalMessage    : 'text',
]

def call(Map args = [:]) {
    List<String> problems = StepArguments.check('aiImplementApproved', args, PARAMETERS)
    if (!problems.isEmpty()) {
        error(String.join('\n', problems))
    }
    Map implementArgs = [:]
    args.each { name, value ->
        if (name != 'approvalMessage') {
            implementArgs[name] = value
        }
    }
    Map result = aiImplement(implementArgs)
    if (result.approvalRequired) {
        result.applied = approve(result, args.approvalMessage)
    }
    return result
}

/**
 * Asks for approval of a held change (aiImplement's value) and applies it once approved; returns aiApply's value.
 * A rejection ends the build (input's own abort) with the change unapplied.
 */
def approve(Map implemented, Object message = null) {
    Map approval = (Map) implemented.approval
    String paths = ((List) approval.sensitivePaths).join(', ')
    echo('AI Lanes: class ' + approval.riskClass + ' holds this change for approval: it touches ' + paths +
            '; patch ' + approval.patch + ' (sha256 ' + approval.sha256 + '). The workspace is as before the step.')
    Map inputArgs = [message          : message != null ? message.toString()
                             : 'Apply the AI Lanes change to ' + paths + ' (class ' + approval.riskClass + ')?',
                     ok               : 'Apply',
                     submitterParameter: 'approver']
    if (approval.approvers) {
        inputArgs.submitter = approval.approvers
    }
    String approver = input(inputArgs)
    return aiApply(sha256: approval.sha256, approvedBy: approver, out: approval.out)
}

/** Only named parameters: a bare string gets a message saying so rather than Groovy's "no signature of method". */
def call(CharSequence text) {
    error("aiImplementApproved takes named parameters, e.g. aiImplementApproved(gates: [[name: 'test', command: 'mvn -B test']]); got " +
            StepArguments.show(text))
}
