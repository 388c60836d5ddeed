package io.ailanes.sharedlib

import static io.ailanes.sharedlib.Failures.errorMessage
import static io.ailanes.sharedlib.Failures.thrown
import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.Arguments
import org.junit.jupiter.params.provider.MethodSource

class AiChangeTest {

    static final String TAKES = 'aiChange takes: task, taskFile, gates, budgetUsd, review, failOn, unstable, escalate,' +
            ' maxRounds, context, allowPaths, allowOtherFiles, usePlanGates, allowedGateCommands, onFailure,' +
            ' failOnGateFailure, planLane, implementLane, reviewLane, out'

    final Pipeline pipeline = Pipeline.fresh()

    @Test
    void plansImplementsAndReviewsInsideOneBudgetThenReports() {
        Map result = pipeline.run('''
            node {
                aiChange(task: 'Add a --verbose flag', gates: [[name: 'test', command: 'mvn -B test']])
            }
        ''') as Map

        assertThat(pipeline.stepNames(['node'])).containsExactly('withAiBudget', 'aiPlan', 'aiImplement', 'aiReview', 'aiReport')
        assertThat(pipeline.callsOf('withAiBudget')[0].named).isEqualTo([usd: 5])
        ['aiPlan', 'aiImplement', 'aiReview'].each { step ->
            assertThat(pipeline.callsOf(step)[0].budgets).as(step + ' runs inside withAiBudget').isEqualTo([5])
        }
        assertThat(pipeline.callsOf('aiReport')[0].budgets).as('the report covers the whole build, outside the block').isEmpty()

        assertThat(pipeline.callsOf('aiPlan')[0].named).isEqualTo([task: 'Add a --verbose flag', out: 'ai-lanes'])
        assertThat(pipeline.callsOf('aiImplement')[0].named).isEqualTo([
                gates: [[name: 'test', command: 'mvn -B test']], escalate: true, failOnGateFailure: false,
                out  : 'ai-lanes', plan: 'ai-lanes/plan.json'])
        assertThat(pipeline.callsOf('aiReview')[0].named).isEqualTo([failOn: 'high', out: 'ai-lanes', plan: 'ai-lanes/plan.json'])
        assertThat(pipeline.callsOf('aiReport')[0].named).isEqualTo([out: 'ai-lanes'])

        assertThat(result).isEqualTo([
                outcome     : 'passed', passed: true, costUsd: '0.1756', savingUsd: '0.4123',
                report      : 'ai-lanes/report.html', planJson: 'ai-lanes/plan.json', planMd: 'ai-lanes/plan.md',
                patch       : 'ai-lanes/changes.patch', gatesXml: 'ai-lanes/gates.xml', filesChanged: ['src/Main.java'],
                rounds      : 1, escalated: false, verdict: 'approve', counts: [high: 0, medium: 0, low: 0],
                sarif       : 'ai-lanes/review.sarif', reviewJunit: 'ai-lanes/review.xml', approvedBy: null])
        assertThat(pipeline.currentBuild.description)
                .isEqualTo('AI Lanes: passed, $0.1756 (saved $0.4123), 1 file changed, review approve')
        assertThat(pipeline.currentBuild.result).isEqualTo('SUCCESS')
    }

    @Test
    void passesEveryOptionToTheStepItBelongsTo() {
        pipeline.run('''
            aiChange(taskFile: 'tasks/verbose.md', gates: [[name: 'unit', command: 'make test', timeoutMinutes: 20,
                    junit: 'build/test-results/*.xml']], budgetUsd: 2.5, failOn: 'medium', unstable: true,
                    escalate: false, maxRounds: 3, context: ['src/**', 'docs/CLI.md'], allowPaths: ['test/**'],
                    allowOtherFiles: false, usePlanGates: true, allowedGateCommands: ['make *'], onFailure: 'revert',
                    planLane: 'deep', implementLane: 'cheap', reviewLane: 'critic', out: 'build/ai')
        ''')

        assertThat(pipeline.callsOf('withAiBudget')[0].named).isEqualTo([usd: 2.5])
        assertThat(pipeline.callsOf('aiPlan')[0].named).isEqualTo([
                taskFile: 'tasks/verbose.md', context: ['src/**', 'docs/CLI.md'], lane: 'deep', out: 'build/ai'])
        assertThat(pipeline.callsOf('aiImplement')[0].named).isEqualTo([
                gates              : [[name: 'unit', command: 'make test', timeoutMinutes: 20, junit: 'build/test-results/*.xml']],
                escalate           : false, failOnGateFailure: false, maxRounds: 3, allowPaths: ['test/**'],
                allowOtherFiles    : false, usePlanGates: true, allowedGateCommands: ['make *'], onFailure: 'revert',
                lane               : 'cheap', out: 'build/ai', plan: 'build/ai/plan.json'])
        assertThat(pipeline.callsOf('aiReview')[0].named).isEqualTo([
                failOn: 'medium', unstable: true, lane: 'critic', out: 'build/ai', plan: 'build/ai/plan.json'])
        assertThat(pipeline.callsOf('aiReport')[0].named).isEqualTo([out: 'build/ai'])
        assertThat(pipeline.callsOf('aiReport')[0].budgets).isEmpty()
    }

    @Test
    void withoutReviewTheChangeIsReportedAfterTheGates() {
        pipeline.results.aiImplement = LOW_CLASS
        Map result = pipeline.run("aiChange(task: 'Bump the version', review: false)") as Map

        assertThat(pipeline.stepNames()).containsExactly('withAiBudget', 'aiPlan', 'aiImplement', 'aiReport')
        assertThat(pipeline.callsOf('aiImplement')[0].named.gates).isEqualTo([])
        assertThat(result.outcome).isEqualTo('passed')
        assertThat(result.verdict).isNull()
        assertThat(result.sarif).isNull()
        assertThat(pipeline.currentBuild.description).isEqualTo('AI Lanes: passed, $0.1756 (saved $0.4123), 1 file changed')
    }

    @Test
    void whenTheGatesFailItSkipsTheReviewStillReportsAndThenFailsTheBuild() {
        pipeline.results.aiImplement = PluginSteps.defaultResult('aiImplement', [:]) + [
                passed: false, rounds: 2, escalated: true, failure: 'test: 3 of 120 tests failed']

        String message = errorMessage(pipeline, "aiChange(task: 'Add a flag', gates: [[name: 'test', command: 'mvn -B test']])")

        assertThat(message).isEqualTo('aiChange: the gates did not pass after 2 round(s): test: 3 of 120 tests failed;'
                + ' see ai-lanes/gates.xml')
        assertThat(pipeline.stepNames()).containsExactly('withAiBudget', 'aiPlan', 'aiImplement', 'aiReport', 'error')
        assertThat(pipeline.currentBuild.description).startsWith('AI Lanes: gates-failed, $0.1756')
    }

    @Test
    void failOnGateFailureFalseReturnsTheFailedChangeInstead() {
        pipeline.results.aiImplement = PluginSteps.defaultResult('aiImplement', [:]) + [passed: false, rounds: 2]

        Map result = pipeline.run("aiChange(task: 'Add a flag', failOnGateFailure: false)") as Map

        assertThat(result.outcome).isEqualTo('gates-failed')
        assertThat(result.passed).isEqualTo(false)
        assertThat(pipeline.stepNames()).doesNotContain('aiReview', 'error')
    }

    @Test
    void aFailedReviewIsTheOutcomeAndTheReviewStepSetsTheBuildResult() {
        pipeline.results.aiReview = { Map args ->
            pipeline.currentBuild.result = 'FAILURE'
            PluginSteps.defaultResult('aiReview', args) + [verdict: 'request-changes', failed: true,
                    counts: [high: 1, medium: 0, low: 2]]
        }

        Map result = pipeline.run("aiChange(task: 'Add a flag')") as Map

        assertThat(result.outcome).isEqualTo('review-failed')
        assertThat(result.verdict).isEqualTo('request-changes')
        assertThat(result.counts).isEqualTo([high: 1, medium: 0, low: 2])
        assertThat(pipeline.currentBuild.result).isEqualTo('FAILURE')
        assertThat(pipeline.currentBuild.description).endsWith('review request-changes')
    }

    @Test
    void aStepThatFailsStillGetsTheReportAndTheSummaryThenItsErrorFailsTheBuild() {
        pipeline.results.aiPlan = { Map args -> throw new IllegalStateException('budget refused: build cap $5.00') }

        IllegalStateException failure = thrown(IllegalStateException) { pipeline.run("aiChange(task: 'Add a flag')") }

        assertThat(failure.message).isEqualTo('budget refused: build cap $5.00')
        assertThat(pipeline.stepNames()).containsExactly('withAiBudget', 'aiPlan', 'aiReport')
        assertThat(pipeline.currentBuild.description).isEqualTo('AI Lanes: error, $0.1756 (saved $0.4123)')
    }

    @Test
    void noSavingIsShownWhenTheReportHasNone() {
        pipeline.results.aiReport = [costUsd: '0.02', savingUsd: null, report: 'ai-lanes/report.html']
        pipeline.results.aiImplement = LOW_CLASS

        Map result = pipeline.run("aiChange(task: 'Add a flag', review: false)") as Map

        assertThat(result.savingUsd).isNull()
        assertThat(pipeline.currentBuild.description).isEqualTo('AI Lanes: passed, $0.02, 1 file changed')
    }

    @Test
    void aReportThatCannotBeWrittenFailsTheBuildAfterTheSummary() {
        pipeline.results.aiReport = { Map args -> throw new IOException('disk full') }

        IOException failure = thrown(IOException) { pipeline.run("aiChange(task: 'Add a flag')") }

        assertThat(failure.message).isEqualTo('disk full')
        assertThat(pipeline.callsOf('echo')[0].args).isEqualTo(['aiChange: the report could not be written: disk full'])
        assertThat(pipeline.currentBuild.description).isEqualTo('AI Lanes: passed, 1 file changed, review approve')
    }

    static List<Arguments> badArguments() {
        [
                [[:], "aiChange: task is required (or taskFile), e.g. aiChange(task: 'Add a --verbose flag', gates: [[name: 'test', command: 'mvn -B test']])"],
                [[task: 'x', taskFile: 'task.md'], 'aiChange: give task or taskFile, not both'],
                [[task: '  '], "aiChange: task must be a non-empty string; got '  ' (a string)"],
                [[task: 'x', budget: 5], "aiChange: unknown parameter 'budget' (did you mean 'budgetUsd'?); " + TAKES],
                [[task: 'x', Review: false], "aiChange: unknown parameter 'Review' (did you mean 'review'?); " + TAKES],
                [[task: 'x', mood: 'happy'], "aiChange: unknown parameter 'mood'; " + TAKES],
                [[task: 'x', budgetUsd: '5'], "aiChange: budgetUsd must be a positive number of US dollars, e.g. budgetUsd: 5; got '5' (a string)"],
                [[task: 'x', budgetUsd: 0], 'aiChange: budgetUsd must be a positive number of US dollars, e.g. budgetUsd: 5; got 0 (a number)'],
                [[task: 'x', review: 'yes'], "aiChange: review must be true or false; got 'yes' (a string)"],
                [[task: 'x', failOn: 'critical'], "aiChange: failOn must be one of high, medium, low, never; got 'critical' (a string)"],
                [[task: 'x', onFailure: 'undo'], "aiChange: onFailure must be one of keep, revert; got 'undo' (a string)"],
                [[task: 'x', maxRounds: 0], 'aiChange: maxRounds must be a positive whole number; got 0 (a number)'],
                [[task: 'x', maxRounds: 1.5], 'aiChange: maxRounds must be a positive whole number; got 1.5 (a number)'],
                [[task: 'x', context: 'src/**'], "aiChange: context must be a list of strings, e.g. ['src/**']; got 'src/**' (a string)"],
                [[task: 'x', allowPaths: ['src/**', 3]], 'aiChange: allowPaths must be a list of strings; one entry is 3 (a number)'],
                [[task: 'x', gates: 'mvn test'], "aiChange: gates must be a list of gates, e.g. [[name: 'test', command: 'mvn -B test']]; got 'mvn test' (a string)"],
                [[task: 'x', gates: ['mvn test']], "aiChange: gates[0] must be a map like [[name: 'test', command: 'mvn -B test']]; got 'mvn test' (a string)"],
                [[task: 'x', gates: [[name: 'test', cmd: 'mvn test']]], "aiChange: gates[0] has an unknown key 'cmd' (did you mean 'command'?); a gate takes: name, command, timeoutMinutes, junit"],
                [[task: 'x', gates: [[name: 'a', command: 'true'], [name: 'test']]], "aiChange: gates[1] needs a command (a non-empty string), e.g. [[name: 'test', command: 'mvn -B test']]"],
                [[task: 'x', gates: [[command: 'make']]], "aiChange: gates[0] needs a name (a non-empty string), e.g. [[name: 'test', command: 'mvn -B test']]"],
                [[task: 'x', gates: [[name: 't', command: 'make', timeoutMinutes: '10']]], "aiChange: gates[0].timeoutMinutes must be a positive whole number; got '10' (a string)"],
                [[task: 'x', gates: [[name: 't', command: 'make', junit: true]]], "aiChange: gates[0].junit must be a glob of JUnit XML files, e.g. '**/surefire-reports/*.xml'; got true (a boolean)"],
                [[taskFile: 'task.md', budgetUsd: -1, review: 1], 'aiChange: budgetUsd must be a positive number of US dollars, e.g. budgetUsd: 5; got -1 (a number)\n'
                        + 'aiChange: review must be true or false; got 1 (a number)'],
        ].collect { Arguments.of(it[0], it[1]) }
    }

    @ParameterizedTest
    @MethodSource('badArguments')
    void badArgumentsStopTheBuildWithOneLinePerProblemBeforeAnyModelCall(Map args, String expected) {
        pipeline.binding.setVariable('changeArgs', args)

        String message = errorMessage(pipeline, 'aiChange(changeArgs)')

        assertThat(message).isEqualTo(expected)
        assertThat(pipeline.stepNames()).containsExactly('error')
    }

    @Test
    void aBareStringIsRefusedWithAnExampleOfNamedParameters() {
        String message = errorMessage(pipeline, "aiChange('Add a flag')")

        assertThat(message).isEqualTo("aiChange takes named parameters, e.g. aiChange(task: 'Add a --verbose flag',"
                + " gates: [[name: 'test', command: 'mvn -B test']]); got 'Add a flag' (a string)")
        assertThat(pipeline.stepNames()).containsExactly('error')
    }

    /** A change of a low-class job, which requires no review. */
    static final Map LOW_CLASS = PluginSteps.defaultResult('aiImplement', [:]) + [riskClass: 'low', reviewRequired: false]

    @Test
    void aClassThatRequiresAReviewGetsOneThoughTheJenkinsfileSaysNo() {
        Map result = pipeline.run("aiChange(task: 'Bump the version', review: false)") as Map

        assertThat(pipeline.stepNames()).containsExactly('withAiBudget', 'aiPlan', 'aiImplement', 'aiReview', 'aiReport')
        assertThat(result.verdict).isEqualTo('approve')
    }

    @Test
    void aHeldChangeIsReviewedThenAppliedOnceItsApproversSaySo() {
        pipeline.results.aiImplement = PluginSteps.held()
        pipeline.results.input = 'alice'

        Map result = pipeline.run("aiChange(task: 'Reject expired tokens')") as Map

        assertThat(pipeline.stepNames()).containsExactly('withAiBudget', 'aiPlan', 'aiImplement', 'aiReview', 'echo',
                'input', 'aiApply', 'aiReport')
        assertThat(pipeline.callsOf('input')[0].args[0].submitter).isEqualTo('security-team')
        assertThat(pipeline.callsOf('aiApply')[0].named).isEqualTo([sha256: '5f1c' * 16, approvedBy: 'alice',
                                                                    out: 'ai-lanes'])
        assertThat(result.approvedBy).isEqualTo('alice')
        assertThat(result.outcome).isEqualTo('passed')
    }

    @Test
    void aHeldChangeWhoseReviewFailedIsNotOfferedForApproval() {
        pipeline.results.aiImplement = PluginSteps.held()
        pipeline.results.aiReview = PluginSteps.defaultResult('aiReview', [:]) + [failed: true, verdict: 'request_changes']

        Map result = pipeline.run("aiChange(task: 'Reject expired tokens')") as Map

        assertThat(pipeline.stepNames()).doesNotContain('input', 'aiApply')
        assertThat(result.outcome).isEqualTo('review-failed')
        assertThat(result.approvedBy).isNull()
    }
}
