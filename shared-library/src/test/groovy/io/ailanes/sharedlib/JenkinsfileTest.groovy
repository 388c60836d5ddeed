package io.ailanes.sharedlib

import static io.ailanes.sharedlib.Failures.thrown
import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test

/** The repository's own Jenkinsfile, with buildPlugin (jenkins-infra's pipeline library) mocked. */
class JenkinsfileTest {

    final Pipeline pipeline = Pipeline.fresh()

    @Test
    void buildsLikeAJenkinsciPluginOnJava17And21() {
        pipeline.runFile('Jenkinsfile')

        assertThat(pipeline.stepNames()).containsExactly('buildPlugin')
        assertThat(pipeline.callsOf('buildPlugin')[0].named).isEqualTo([
                useContainerAgent: true,
                configurations   : [[platform: 'linux', jdk: 17], [platform: 'linux', jdk: 21]]])
    }

    @Test
    void theDemoStageRunsTheCliDemoAndArchivesItsReports() {
        pipeline.env.AI_LANES_DEMO = 'true'

        pipeline.runFile('Jenkinsfile')

        assertThat(pipeline.stepNames()).containsExactly('buildPlugin', 'node', 'stage', 'checkout', 'sh', 'archiveArtifacts')
        assertThat(pipeline.callsOf('node')[0].args).isEqualTo(['linux', pipeline.callsOf('node')[0].args[1]])
        assertThat(pipeline.callsOf('stage')[0].args[0]).isEqualTo('ai-lanes demo')
        assertThat(pipeline.callsOf('sh')[0].args).isEqualTo(['bin/ai-lanes demo'])
        assertThat(pipeline.callsOf('archiveArtifacts')[0].named).isEqualTo([artifacts: 'ai-lanes/**', allowEmptyArchive: true])
    }

    @Test
    void aFailingDemoStillArchivesWhatItWrote() {
        pipeline.env.AI_LANES_DEMO = 'true'
        pipeline.env.AI_LANES_AGENT_LABEL = 'docker'
        pipeline.helper.registerAllowedMethod('sh', [String], { String script ->
            pipeline.record('sh', [script] as Object[])
            throw new StandardSteps.PipelineError('script returned exit code 1')
        })

        thrown(StandardSteps.PipelineError) { pipeline.runFile('Jenkinsfile') }

        assertThat(pipeline.stepNames()).endsWith('sh', 'archiveArtifacts')
        assertThat(pipeline.callsOf('node')[0].args[0]).isEqualTo('docker')
    }

    @Test
    void withoutTheInfraLibraryThePlainBuildRunsTheSameMavenBuild() {
        pipeline.env.AI_LANES_PLAIN_CI = 'true'

        pipeline.runFile('Jenkinsfile')

        assertThat(pipeline.stepNames()).doesNotContain('buildPlugin')
        assertThat(pipeline.stepNames()).containsExactly('node', 'stage', 'checkout', 'stage', 'sh', 'junit', 'archiveArtifacts')
        assertThat(pipeline.callsOf('sh')[0].args).isEqualTo(['mvn -B -ntp -Pjenkins verify'])
        assertThat(pipeline.callsOf('junit')[0].named.testResults).isEqualTo('**/target/surefire-reports/TEST-*.xml')
    }
}
