package io.ailanes.sharedlib

import static io.ailanes.sharedlib.Failures.errorMessage
import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.Arguments
import org.junit.jupiter.params.provider.MethodSource

class AiReviewChangeTest {

    final Pipeline pipeline = Pipeline.fresh()

    @Test
    void reviewsAgainstTheGivenPlanAndBaseInsideABudgetThenPublishesJUnit() {
        Map result = pipeline.run('''
            node {
                aiReviewChange(base: 'origin/main', plan: 'ai-lanes/plan.json')
            }
        ''') as Map

        assertThat(pipeline.stepNames(['node'])).containsExactly('withAiBudget', 'aiReview', 'junit')
        assertThat(pipeline.callsOf('withAiBudget')[0].named).isEqualTo([usd: 1])
        assertThat(pipeline.callsOf('aiReview')[0].budgets).isEqualTo([1])
        assertThat(pipeline.callsOf('aiReview')[0].named).isEqualTo([
                failOn: 'medium', base: 'origin/main', out: 'ai-lanes', plan: 'ai-lanes/plan.json'])
        assertThat(pipeline.callsOf('junit')[0].named).isEqualTo([testResults: 'ai-lanes/review.xml', allowEmptyResults: true])
        assertThat(result).isEqualTo([
                verdict: 'approve', failed: false, summary: 'The change does what the plan says.',
                counts : [high: 0, medium: 0, low: 0], findings: [], base: 'origin/main', plan: 'ai-lanes/plan.json',
                sarif  : 'ai-lanes/review.sarif', junit: 'ai-lanes/review.xml', costUsd: '0.0803'])
    }

    @Test
    void inAPullRequestBuildTheTargetIsTheBaseAndTheTitleIsTheTask() {
        pipeline.env.putAll(CHANGE_ID: '17', CHANGE_TARGET: 'main', CHANGE_TITLE: 'Pager skips the last page')

        pipeline.run('aiReviewChange()')

        assertThat(pipeline.stepNames()).containsExactly('withAiBudget', 'aiPlan', 'aiReview', 'junit')
        assertThat(pipeline.callsOf('aiPlan')[0].named).isEqualTo([
                task: 'Pull request #17 into main: Pager skips the last page', out: 'ai-lanes'])
        assertThat(pipeline.callsOf('aiPlan')[0].budgets).isEqualTo([1])
        assertThat(pipeline.callsOf('aiReview')[0].named).isEqualTo([
                failOn: 'medium', base: 'origin/main', out: 'ai-lanes', plan: 'ai-lanes/plan.json'])
    }

    @Test
    void aGivenBaseAndTaskWinOverThePullRequest() {
        pipeline.env.putAll(CHANGE_ID: '17', CHANGE_TARGET: 'main', CHANGE_TITLE: 'Pager skips the last page')

        pipeline.run("aiReviewChange(base: 'origin/release-2', task: 'Backport the pager fix', planLane: 'deep'," +
                " lane: 'critic', failOn: 'low', unstable: true, maxOutputTokens: 4000, budgetUsd: 0.5, out: 'review')")

        assertThat(pipeline.callsOf('withAiBudget')[0].named).isEqualTo([usd: 0.5])
        assertThat(pipeline.callsOf('aiPlan')[0].named).isEqualTo([task: 'Backport the pager fix', lane: 'deep', out: 'review'])
        assertThat(pipeline.callsOf('aiReview')[0].named).isEqualTo([
                failOn: 'low', base: 'origin/release-2', unstable: true, lane: 'critic', maxOutputTokens: 4000,
                out   : 'review', plan: 'review/plan.json'])
        assertThat(pipeline.callsOf('junit')[0].named.testResults).isEqualTo('review/review.xml')
    }

    @Test
    void aDiffFileNeedsNoBase() {
        pipeline.run("aiReviewChange(diff: 'pr.diff', plan: 'plan.json')")

        assertThat(pipeline.callsOf('aiReview')[0].named).isEqualTo([
                failOn: 'medium', diff: 'pr.diff', out: 'ai-lanes', plan: 'plan.json'])
    }

    @Test
    void sarifGoesToWarningsNgOnlyWhenAskedAndJUnitCanBeTurnedOff() {
        pipeline.run("aiReviewChange(base: 'origin/main', plan: 'p.json', publishSarif: true, publishJUnit: false)")

        assertThat(pipeline.stepNames()).containsExactly('withAiBudget', 'aiReview', 'sarif', 'recordIssues')
        assertThat(pipeline.callsOf('sarif')[0].named).isEqualTo([
                pattern: 'ai-lanes/review.sarif', id: 'ai-lanes-review', name: 'AI Lanes review'])
        assertThat(pipeline.callsOf('recordIssues')[0].named.tools).hasSize(1)
    }

    @Test
    void aFailedReviewIsReturnedAndStillPublished() {
        pipeline.results.aiReview = { Map args ->
            pipeline.currentBuild.result = 'FAILURE'
            PluginSteps.defaultResult('aiReview', args) + [verdict: 'request-changes', failed: true, counts: [high: 0, medium: 2, low: 1]]
        }

        Map result = pipeline.run("aiReviewChange(base: 'origin/main', plan: 'p.json')") as Map

        assertThat(result.failed).isEqualTo(true)
        assertThat(result.counts).isEqualTo([high: 0, medium: 2, low: 1])
        assertThat(pipeline.stepNames()).contains('junit')
        assertThat(pipeline.currentBuild.result).isEqualTo('FAILURE')
    }

    static List<Arguments> badArguments() {
        [
                [[plan: 'p.json'], [:], "aiReviewChange: no base to compare with: give base: 'origin/main' (or diff: 'a file with the change')," +
                        ' or run it in a multibranch pull-request build, where CHANGE_TARGET names the target branch'],
                [[base: 'origin/main'], [:], "aiReviewChange: nothing to hold the change to: give plan: 'ai-lanes/plan.json' (from aiPlan" +
                        " or aiChange) or task: 'what the change should do'; in pull-request builds the title (CHANGE_TITLE) is used"],
                [[base: 'origin/main', diff: 'x.diff', plan: 'p.json'], [:], 'aiReviewChange: give base or diff, not both'],
                [[base: 'origin/main', plan: 'p.json', task: 't'], [:], 'aiReviewChange: give plan or task, not both'],
                [[plan: 'p.json', failon: 'low'], [CHANGE_TARGET: 'main'], "aiReviewChange: unknown parameter 'failon' (did you mean 'failOn'?);" +
                        ' aiReviewChange takes: base, diff, plan, task, failOn, unstable, budgetUsd, lane, planLane, maxOutputTokens,' +
                        ' publishJUnit, publishSarif, out'],
                [[plan: 'p.json', failOn: 'severe'], [CHANGE_TARGET: 'main'], "aiReviewChange: failOn must be one of high, medium, low, never; got 'severe' (a string)"],
                [[plan: 'p.json', budgetUsd: -1], [CHANGE_TARGET: 'main'], 'aiReviewChange: budgetUsd must be a positive number of US dollars, e.g. budgetUsd: 5; got -1 (a number)'],
                [[plan: 'p.json', publishSarif: 'yes'], [CHANGE_TARGET: 'main'], "aiReviewChange: publishSarif must be true or false; got 'yes' (a string)"],
                [[plan: 'p.json', maxOutputTokens: 0], [CHANGE_TARGET: 'main'], 'aiReviewChange: maxOutputTokens must be a positive whole number; got 0 (a number)'],
                [[:], [:], "aiReviewChange: no base to compare with: give base: 'origin/main' (or diff: 'a file with the change')," +
                        ' or run it in a multibranch pull-request build, where CHANGE_TARGET names the target branch\n' +
                        "aiReviewChange: nothing to hold the change to: give plan: 'ai-lanes/plan.json' (from aiPlan" +
                        " or aiChange) or task: 'what the change should do'; in pull-request builds the title (CHANGE_TITLE) is used"],
        ].collect { Arguments.of(it[0], it[1], it[2]) }
    }

    @ParameterizedTest
    @MethodSource('badArguments')
    void badArgumentsStopTheBuildBeforeAnyModelCall(Map args, Map env, String expected) {
        pipeline.env.putAll(env)
        pipeline.binding.setVariable('reviewArgs', args)

        String message = errorMessage(pipeline, 'aiReviewChange(reviewArgs)')

        assertThat(message).isEqualTo(expected)
        assertThat(pipeline.stepNames()).containsExactly('error')
    }

    @Test
    void aBareStringIsRefused() {
        assertThat(errorMessage(pipeline, "aiReviewChange('origin/main')")).isEqualTo("aiReviewChange takes named" +
                " parameters, e.g. aiReviewChange(base: 'origin/main', failOn: 'medium'); got 'origin/main' (a string)")
    }
}
