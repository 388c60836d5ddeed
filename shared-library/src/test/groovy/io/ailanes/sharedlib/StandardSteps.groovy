package io.ailanes.sharedlib

/**
 * The standard Pipeline steps (and declarative sections) the shared steps, the project's Jenkinsfile and
 * the docs may use, listed one by one: a step missing here fails the pipeline that calls it, so an example
 * cannot call a step an ordinary Jenkins lacks without someone adding it here on purpose.
 */
final class StandardSteps {

    /** Step name to the argument types it is called with, grouped by the plugin that provides it. */
    static final Map<String, List<List<Class>>> ALLOWED = [
            // workflow-durable-task-step, workflow-basic-steps, workflow-scm-step
            node            : [[Closure], [String, Closure]],
            stage           : [[String, Closure]],
            sh              : [[String], [Map]],
            bat             : [[String], [Map]],
            echo            : [[String]],
            error           : [[String]],
            checkout        : [[Object]],
            dir             : [[String, Closure]],
            withEnv         : [[List, Closure]],
            timeout         : [[Map], [Map, Closure], [Integer, Closure]],
            retry           : [[Integer, Closure]],
            catchError      : [[Closure], [Map, Closure]],
            isUnix          : [[]],
            readFile        : [[String], [Map]],
            writeFile       : [[Map]],
            fileExists      : [[String]],
            archiveArtifacts: [[String], [Map]],
            deleteDir       : [[]],
            // pipeline-input-step
            input           : [[String], [Map]],
            // workflow-multibranch / job properties, and this plugin's job property inside properties([...])
            properties      : [[List]],
            aiLanesRisk     : [[String], [Map]],
            parameters      : [[List], [Closure]],
            booleanParam    : [[Map]],
            // credentials-binding
            withCredentials : [[List, Closure]],
            string          : [[Map]],
            credentials     : [[String]],
            // junit, warnings-ng
            junit           : [[String], [Map]],
            recordIssues    : [[Map]],
            sarif           : [[Map]],
            // pipeline-model-definition (declarative)
            pipeline        : [[Closure]],
            agent           : [[Object]],
            label           : [[String]],
            stages          : [[Closure]],
            steps           : [[Closure]],
            script          : [[Closure]],
            post            : [[Closure]],
            always          : [[Closure]],
            success         : [[Closure]],
            failure         : [[Closure]],
            unstable        : [[Closure]],
            cleanup         : [[Closure]],
            environment     : [[Closure]],
            options         : [[Closure]],
            when            : [[Closure]],
            changeRequest   : [[]],
            expression      : [[Closure]],
            // jenkins-infra/pipeline-library, the library ci.jenkins.io builds plugins with
            buildPlugin     : [[Map]],
    ]

    private StandardSteps() {}

    static void register(Pipeline pipeline) {
        ALLOWED.each { String name, List<List<Class>> signatures ->
            signatures.each { List<Class> types ->
                pipeline.helper.registerAllowedMethod(name, types, { Object... args ->
                    pipeline.record(name, args)
                    behave(pipeline, name, args)
                })
            }
        }
    }

    /** What a step does under test: most run their blocks; a few read the mock workspace or fail. */
    private static Object behave(Pipeline pipeline, String name, Object[] args) {
        Object first = args.length > 0 ? args[0] : null
        switch (name) {
            case 'error':
                throw new PipelineError(String.valueOf(first))
            case 'readFile':
                String path = first instanceof Map ? ((Map) first).file : first
                if (!pipeline.files.containsKey(path)) {
                    throw new PipelineError("readFile: no file $path in the workspace")
                }
                return pipeline.files[path]
            case 'writeFile':
                pipeline.files[(String) ((Map) first).file] = String.valueOf(((Map) first).text)
                return null
            case 'fileExists':
                return pipeline.files.containsKey(first)
            case 'isUnix':
                return true
            case 'input':
                // Who answered (input's submitterParameter); a test sets results.input to a closure to reject.
                Object answer = pipeline.results.containsKey('input') ? pipeline.results['input'] : 'approver'
                return answer instanceof Closure ? ((Closure) answer).call(first) : answer
            case 'string':
                // A binding names the variable its secret is bound to.
                return ((Map) first).variable
            case 'withCredentials':
                List<String> names = (List<String>) first
                names.each { pipeline.binding.setVariable(it, '****') }
                try {
                    return ((Closure) args[1]).call()
                } finally {
                    names.each { pipeline.binding.variables.remove(it) }
                }
            case 'sh':
            case 'bat':
                if (first instanceof Map && ((Map) first).returnStatus) {
                    return 0
                }
                return first instanceof Map && ((Map) first).returnStdout ? '' : null
            default:
                Object result = null
                for (Object arg : args) {
                    if (arg instanceof Closure) {
                        result = ((Closure) arg).call()
                    }
                }
                return result
        }
    }

    /** The error step: fails the build with its message, as Jenkins' AbortException does. */
    static final class PipelineError extends RuntimeException {
        PipelineError(String message) {
            super(message)
        }
    }
}
