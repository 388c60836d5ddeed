package io.ailanes.sharedlib

import static io.ailanes.sharedlib.Failures.errorMessage
import static io.ailanes.sharedlib.Failures.thrown
import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test

class AiImplementApprovedTest {

    static final Map HELD = PluginSteps.held()
    static final String PATH = 'src/main/java/com/acme/auth/LoginFilter.java'

    final Pipeline pipeline = Pipeline.fresh()

    @Test
    void aChangeThatIsNotHeldIsOnlyImplemented() {
        Map result = pipeline.run("aiImplementApproved(gates: [[name: 'test', command: 'mvn -B test']], maxRounds: 3)")

        assertThat(pipeline.stepNames()).containsExactly('aiImplement')
        assertThat(pipeline.callsOf('aiImplement')[0].named).isEqualTo([gates: [[name: 'test', command: 'mvn -B test']],
                                                                        maxRounds: 3])
        assertThat(result.approvalRequired).isFalse()
        assertThat(result.applied).isNull()
    }

    @Test
    void aHeldChangeAsksTheClassApproversAndAppliesWithWhoApproved() {
        pipeline.results.aiImplement = HELD
        pipeline.results.input = 'alice'

        Map result = pipeline.run("aiImplementApproved(gates: [[name: 'test', command: 'mvn -B test']])")

        assertThat(pipeline.stepNames()).containsExactly('aiImplement', 'echo', 'input', 'aiApply')
        assertThat(pipeline.callsOf('input')[0].args[0]).isEqualTo([
                message           : 'Apply the AI Lanes change to ' + PATH + ' (class critical)?',
                ok                : 'Apply', submitterParameter: 'approver', submitter: 'security-team'])
        assertThat(pipeline.callsOf('aiApply')[0].named).isEqualTo([sha256: '5f1c' * 16, approvedBy: 'alice', out: 'ai-lanes'])
        assertThat(pipeline.callsOf('echo')[0].args[0]).contains('class critical holds this change for approval',
                PATH, '5f1c' * 16)
        assertThat(result.applied.approvedBy).isEqualTo('alice')
    }

    @Test
    void withoutApproversInputHasNoSubmitterAndTheMessageCanBeGiven() {
        Map held = new LinkedHashMap(HELD)
        held.approval = new LinkedHashMap((Map) HELD.approval)
        held.approval.approvers = ''
        pipeline.results.aiImplement = held

        pipeline.run("aiImplementApproved(approvalMessage: 'Ship the login fix?')")

        assertThat(pipeline.callsOf('input')[0].args[0]).isEqualTo([message: 'Ship the login fix?', ok: 'Apply',
                                                                    submitterParameter: 'approver'])
    }

    @Test
    void aRejectionStopsTheBuildBeforeAnythingIsApplied() {
        pipeline.results.aiImplement = HELD
        pipeline.results.input = { Map args -> throw new IllegalStateException('Rejected by bob') }

        Throwable failure = thrown(Throwable) { pipeline.run('aiImplementApproved()') }

        assertThat(failure).hasMessageContaining('Rejected by bob')
        assertThat(pipeline.stepNames()).doesNotContain('aiApply')
    }

    @Test
    void badArgumentsAreReportedTogether() {
        String message = errorMessage(pipeline, "aiImplementApproved(maxRound: 3, approvalMessage: '')")

        assertThat(message).contains("aiImplementApproved: unknown parameter 'maxRound' (did you mean 'maxRounds'?)",
                'aiImplementApproved: approvalMessage must be a non-empty string')
        assertThat(pipeline.stepNames()).doesNotContain('aiImplement')
    }
}
