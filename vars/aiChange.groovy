import groovy.transform.Field
import io.ailanes.pipeline.StepArguments

/*
 * aiChange: the whole seed workflow in one step. Inside one withAiBudget block the reasoning lane plans,
 * the execution lane implements until the gates pass (fix rounds, then escalation when the lane allows it)
 * and a model of another family reviews; then the build's report is written and archived and the build
 * description says how it went. Help: aiChange.txt. Only steps run here; everything heavy is in the plugin.
 */

/** Parameters, in the order the help lists them (kinds: see StepArguments). */
@Field final Map<String, String> PARAMETERS = [
        task               : 'text',
        taskFile           : 'text',
        gates              : 'gates',
        budgetUsd          : 'usd',
        review             : 'flag',
        failOn             : 'high|medium|low|never',
        unstable           : 'flag',
        escalate           : 'flag',
        maxRounds          : 'count',
        context            : 'texts',
        allowPaths         : 'texts',
        allowOtherFiles    : 'flag',
        usePlanGates       : 'flag',
        allowedGateCommands: 'texts',
        onFailure          : 'keep|revert',
        failOnGateFailure  : 'flag',
        planLane           : 'text',
        implementLane      : 'text',
        reviewLane         : 'text',
        out                : 'text',
]

/** aiImplement's parameters that aiChange passes on unchanged when given. */
@Field final List<String> IMPLEMENT_OPTIONS = ['maxRounds', 'allowPaths', 'allowOtherFiles', 'usePlanGates',
        'allowedGateCommands', 'onFailure']

def call(Map args = [:]) {
    List<String> problems = StepArguments.check('aiChange', args, PARAMETERS)
    if (args.task == null && args.taskFile == null) {
        problems.add("aiChange: task is required (or taskFile), e.g. aiChange(task: 'Add a --verbose flag'," +
                " gates: [[name: 'test', command: 'mvn -B test']])")
    }
    if (args.task != null && args.taskFile != null) {
        problems.add('aiChange: give task or taskFile, not both')
    }
    if (!problems.isEmpty()) {
        error(String.join('\n', problems))
    }

    String out = args.out != null ? args.out.toString() : 'ai-lanes'
    Number budgetUsd = args.budgetUsd != null ? (Number) args.budgetUsd : 5
    boolean reviewWanted = args.review != null ? args.review : true
    boolean failOnGateFailure = args.failOnGateFailure != null ? args.failOnGateFailure : true
    Map planArgs = planArguments(args, out)
    Map implementArgs = implementArguments(args, out)
    Map reviewArgs = reviewArguments(args, out)

    Map plan = null
    Map change = null
    Map review = null
    Map applied = null
    Throwable failure = null
    try {
        withAiBudget(usd: budgetUsd) {
            plan = aiPlan(planArgs)
            implementArgs.plan = plan.planJson
            change = aiImplement(implementArgs)
            // The job's risk class may require a review the pipeline did not ask for.
            if (change.passed && (reviewWanted || change.reviewRequired)) {
                reviewArgs.plan = plan.planJson
                review = aiReview(reviewArgs)
            }
            // A change the risk class held waits for its approvers, unless the review already failed it.
            if (change.approvalRequired && !(review != null && review.failed)) {
                applied = aiImplementApproved.approve(change)
            }
        }
    } catch (Throwable t) {
        failure = t
    }

    Map report = null
    Throwable reportFailure = null
    try {
        report = aiReport(out: out)
    } catch (Throwable t) {
        reportFailure = t
        echo('aiChange: the report could not be written: ' + t.getMessage())
    }

    String outcome = failure != null ? 'error'
            : !change.passed ? 'gates-failed'
            : review != null && review.failed ? 'review-failed'
            : 'passed'
    currentBuild.description = summary(outcome, report, change, review)

    if (failure != null) {
        throw failure
    }
    if (outcome == 'gates-failed' && failOnGateFailure) {
        error('aiChange: the gates did not pass after ' + change.rounds + ' round(s)' +
                (change.failure != null ? ': ' + change.failure : '') + '; see ' + change.gatesXml)
    }
    if (reportFailure != null) {
        throw reportFailure
    }
    return [
            outcome     : outcome,
            passed      : change.passed,
            costUsd     : report.costUsd,
            savingUsd   : report.savingUsd,
            report      : report.report,
            planJson    : plan.planJson,
            planMd      : plan.planMd,
            patch       : change.patch,
            gatesXml    : change.gatesXml,
            filesChanged: change.filesChanged,
            rounds      : change.rounds,
            escalated   : change.escalated,
            verdict     : review != null ? review.verdict : null,
            counts      : review != null ? review.counts : null,
            sarif       : review != null ? review.sarif : null,
            reviewJunit : review != null ? review.junit : null,
            approvedBy  : applied != null ? applied.approvedBy : null,
    ]
}

/** aiPlan's arguments: the task, and the options that belong to planning. */
Map planArguments(Map args, String out) {
    Map planArgs = args.task != null ? [task: args.task] : [taskFile: args.taskFile]
    if (args.context != null) {
        planArgs.context = args.context
    }
    if (args.planLane != null) {
        planArgs.lane = args.planLane
    }
    planArgs.out = out
    return planArgs
}

/** aiImplement's arguments, without the plan, which is known once aiPlan has run. */
Map implementArguments(Map args, String out) {
    // aiChange reports and describes the build before failing it, so aiImplement must return, not fail.
    Map implementArgs = [gates            : args.gates != null ? args.gates : [],
                         escalate         : args.escalate != null ? args.escalate : true,
                         failOnGateFailure: false]
    for (String option : IMPLEMENT_OPTIONS) {
        if (args.get(option) != null) {
            implementArgs.put(option, args.get(option))
        }
    }
    if (args.implementLane != null) {
        implementArgs.lane = args.implementLane
    }
    implementArgs.out = out
    return implementArgs
}

/** aiReview's arguments, without the plan. */
Map reviewArguments(Map args, String out) {
    Map reviewArgs = [failOn: args.failOn != null ? args.failOn : 'high']
    if (args.unstable != null) {
        reviewArgs.unstable = args.unstable
    }
    if (args.reviewLane != null) {
        reviewArgs.lane = args.reviewLane
    }
    reviewArgs.out = out
    return reviewArgs
}

/** One line for the build page, e.g. "AI Lanes: passed, $0.42 (saved $1.93), 3 files changed, review approve". */
String summary(String outcome, Map report, Map change, Map review) {
    String text = 'AI Lanes: ' + outcome
    if (report != null) {
        text += ', $' + report.costUsd + (report.savingUsd != null ? ' (saved $' + report.savingUsd + ')' : '')
    }
    if (change != null && change.filesChanged != null) {
        text += ', ' + change.filesChanged.size() + (change.filesChanged.size() == 1 ? ' file' : ' files') + ' changed'
    }
    if (review != null) {
        text += ', review ' + review.verdict
    }
    return text
}

/** Only named parameters: a bare string gets a message saying so rather than Groovy's "no signature of method". */
def call(CharSequence text) {
    error("aiChange takes named parameters, e.g. aiChange(task: 'Add a --verbose flag', gates: [[name: 'test', command: 'mvn -B test']]); got " + StepArguments.show(text))
}
