import groovy.transform.Field
import io.ailanes.pipeline.StepArguments

/*
 * aiReviewChange: review-only, for pull-request builds. The review lane reads the change (the workspace
 * against base, by default origin/<CHANGE_TARGET> in multibranch pull-request builds) and holds it to a
 * plan: the one given, or one the reasoning lane writes from the task (by default the pull request's
 * title). Findings are published as JUnit results, and as SARIF issues when warnings-ng is installed and
 * publishSarif is set. Help: aiReviewChange.txt.
 */

@Field final Map<String, String> PARAMETERS = [
        base           : 'text',
        diff           : 'text',
        plan           : 'text',
        task           : 'text',
        failOn         : 'high|medium|low|never',
        unstable       : 'flag',
        budgetUsd      : 'usd',
        lane           : 'text',
        planLane       : 'text',
        maxOutputTokens: 'count',
        publishJUnit   : 'flag',
        publishSarif   : 'flag',
        out            : 'text',
]

def call(Map args = [:]) {
    List<String> problems = StepArguments.check('aiReviewChange', args, PARAMETERS)
    String base = args.base != null ? args.base.toString() : null
    if (base == null && args.diff == null) {
        if (env.CHANGE_TARGET) {
            base = 'origin/' + env.CHANGE_TARGET
        } else {
            problems.add("aiReviewChange: no base to compare with: give base: 'origin/main' (or diff: 'a file with" +
                    " the change'), or run it in a multibranch pull-request build, where CHANGE_TARGET names the" +
                    ' target branch')
        }
    }
    if (args.base != null && args.diff != null) {
        problems.add('aiReviewChange: give base or diff, not both')
    }
    String task = args.task != null ? args.task.toString() : null
    if (args.plan == null && task == null && env.CHANGE_TITLE) {
        task = 'Pull request ' + (env.CHANGE_ID ? '#' + env.CHANGE_ID + ' ' : '') + 'into ' + env.CHANGE_TARGET +
                ': ' + env.CHANGE_TITLE
    }
    if (args.plan == null && task == null) {
        problems.add("aiReviewChange: nothing to hold the change to: give plan: 'ai-lanes/plan.json' (from aiPlan or" +
                " aiChange) or task: 'what the change should do'; in pull-request builds the title" +
                ' (CHANGE_TITLE) is used')
    }
    if (args.plan != null && args.task != null) {
        problems.add('aiReviewChange: give plan or task, not both')
    }
    if (!problems.isEmpty()) {
        error(String.join('\n', problems))
    }

    String out = args.out != null ? args.out.toString() : 'ai-lanes'
    Map reviewArgs = [failOn: args.failOn != null ? args.failOn : 'medium']
    if (base != null) {
        reviewArgs.base = base
    } else {
        reviewArgs.diff = args.diff
    }
    for (String option : ['unstable', 'lane', 'maxOutputTokens']) {
        if (args.get(option) != null) {
            reviewArgs.put(option, args.get(option))
        }
    }
    reviewArgs.out = out

    Map review = withAiBudget(usd: args.budgetUsd != null ? args.budgetUsd : 1) {
        if (args.plan != null) {
            reviewArgs.plan = args.plan
        } else {
            Map planArgs = [task: task]
            if (args.planLane != null) {
                planArgs.lane = args.planLane
            }
            planArgs.out = out
            reviewArgs.plan = aiPlan(planArgs).planJson
        }
        return aiReview(reviewArgs)
    }

    if (args.publishJUnit != false) {
        junit(testResults: review.junit, allowEmptyResults: true)
    }
    if (args.publishSarif == true) {
        // Needs the warnings-ng plugin; off by default so the step works on any Jenkins.
        recordIssues(tools: [sarif(pattern: review.sarif, id: 'ai-lanes-review', name: 'AI Lanes review')])
    }
    return [
            verdict : review.verdict,
            failed  : review.failed,
            summary : review.summary,
            counts  : review.counts,
            findings: review.findings,
            base    : base,
            plan    : reviewArgs.plan,
            sarif   : review.sarif,
            junit   : review.junit,
            costUsd : review.costUsd,
    ]
}

/** Only named parameters: a bare string gets a message saying so rather than Groovy's "no signature of method". */
def call(CharSequence text) {
    error("aiReviewChange takes named parameters, e.g. aiReviewChange(base: 'origin/main', failOn: 'medium'); got " + StepArguments.show(text))
}
