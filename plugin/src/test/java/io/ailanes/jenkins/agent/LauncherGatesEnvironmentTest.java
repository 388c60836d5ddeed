package io.ailanes.jenkins.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the launcher is told to override: the agent process's environment is where every process starts, so each of
 * its variables, and each of the build's, is set empty (which removes it) unless it is allowed.
 */
class LauncherGatesEnvironmentTest {

    @Test
    void everyVariableNotAllowedIsRemovedAndTheAllowedOnesComeFromTheBuild() {
        Map<String, String> agent = new LinkedHashMap<>();
        agent.put("PATH", "/usr/bin:/bin");
        agent.put("HOME", "/home/jenkins");
        agent.put("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEJr-session-token");
        agent.put("OPENAI_API_KEY", "sk-agent-0123456789");
        Map<String, String> build = new LinkedHashMap<>();
        build.put("PATH", "/opt/maven/bin:/usr/bin:/bin");
        build.put("WORKSPACE", "/home/jenkins/ws/app");
        build.put("DEPLOY_PASS", "hunter2-deploy-pass");
        build.put("DATABASE_URL", "postgres://app:db-pass-0042@db/app");
        build.put("SONAR_HOST_URL", "https://sonar.corp.example");
        build.put("NPM_CONFIG_REGISTRY", "https://npm.corp.example/");

        Map<String, String> env = LauncherGates.environment(agent, build, List.of("SONAR_HOST_URL", "NPM_CONFIG_*"),
                List.of(), false);

        assertEquals("/opt/maven/bin:/usr/bin:/bin", env.get("PATH"));
        assertEquals("/home/jenkins", env.get("HOME"));
        assertEquals("/home/jenkins/ws/app", env.get("WORKSPACE"));
        assertEquals("https://sonar.corp.example", env.get("SONAR_HOST_URL"));
        assertEquals("https://npm.corp.example/", env.get("NPM_CONFIG_REGISTRY"));
        for (String removed : List.of("AWS_SESSION_TOKEN", "OPENAI_API_KEY", "DEPLOY_PASS", "DATABASE_URL",
                "ANTHROPIC_API_KEY")) {
            assertEquals("", env.get(removed), removed + " is set empty, which removes it");
        }
    }

    @Test
    void onWindowsNamesMatchIgnoringCaseAndNoNameIsBothSetAndRemoved() {
        Map<String, String> agent = new LinkedHashMap<>();
        agent.put("Path", "C:\\Windows\\system32");
        agent.put("SystemRoot", "C:\\Windows");
        agent.put("Deploy_Pass", "hunter2-deploy-pass");
        Map<String, String> build = new LinkedHashMap<>();
        build.put("PATH", "C:\\tools;C:\\Windows\\system32");

        Map<String, String> env = LauncherGates.environment(agent, build, List.of(), List.of(), true);

        assertEquals("C:\\tools;C:\\Windows\\system32", env.get("PATH"));
        assertEquals("C:\\tools;C:\\Windows\\system32", env.get("path"));
        assertEquals("C:\\Windows", env.get("SYSTEMROOT"));
        assertEquals("", env.get("DEPLOY_PASS"));
        assertFalse(env.keySet().stream().filter(name -> name.equalsIgnoreCase("PATH")).count() > 1);
    }

    @Test
    void aVariableHoldingAProviderKeyIsRemovedEvenWhenAllowed() {
        Map<String, String> env = LauncherGates.environment(Map.of("JAVA_HOME", "/opt/sk-key-0123456789"), Map.of(),
                List.of(), List.of("sk-key-0123456789"), false);

        assertEquals("", env.get("JAVA_HOME"));
    }
}
