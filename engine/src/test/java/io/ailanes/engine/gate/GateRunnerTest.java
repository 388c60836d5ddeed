package io.ailanes.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.redact.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Gates as real processes in a real workspace. */
class GateRunnerTest {

    @TempDir
    Path workspace;

    private final Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", workspace().toString());

    private static Path workspace() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private GateRunner runner(String... secrets) {
        return new GateRunner(new LocalCommandRunner(), env, Redactor.of(secrets), EnvironmentMask.NONE);
    }

    @Test
    void exitCodeDecidesAndOutputIsKept() {
        List<GateResult> results = runner().run(List.of(
                new Gate("ok", "echo fine", null, null),
                new Gate("bad", "echo broken >&2; exit 3", null, null)), workspace);

        assertThat(results.get(0).passed()).isTrue();
        assertThat(results.get(0).output()).isEqualTo("fine\n");
        assertThat(results.get(1).passed()).isFalse();
        assertThat(results.get(1).exitCode()).isEqualTo(3);
        assertThat(results.get(1).output()).contains("broken");
    }

    @Test
    void aTimeoutKillsTheCommandAndItsChildren() throws Exception {
        Path marker = workspace.resolve("child-still-alive");
        GateResult result = runner().run(List.of(new Gate("slow",
                "(sleep 2; touch " + marker + ") & sleep 30", Duration.ofMillis(300), null)), workspace).get(0);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.passed()).isFalse();
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
        Thread.sleep(2_500);
        assertThat(marker).as("the background child was killed with the gate").doesNotExist();
    }

    @Test
    void junitReportsWrittenByTheGateAreCounted() throws Exception {
        String report = """
                <testsuite name="PagerTest" tests="3" failures="1" errors="0" skipped="1">
                  <testcase classname="demo.PagerTest" name="pageCountRoundsUp"><failure message="expected 3 but was 2"/></testcase>
                  <testcase classname="demo.PagerTest" name="emptyHasNoPages"/>
                  <testcase classname="demo.PagerTest" name="later"><skipped/></testcase>
                </testsuite>""";
        Files.writeString(workspace.resolve("report.tmpl"), report);
        GateResult result = runner().run(List.of(new Gate("test",
                "mkdir -p target/surefire-reports && cp report.tmpl target/surefire-reports/TEST-demo.PagerTest.xml",
                null, "target/surefire-reports/*.xml")), workspace).get(0);

        assertThat(result.exitCode()).isZero();
        assertThat(result.passed()).as("a failing test fails the gate even with exit code 0").isFalse();
        assertThat(result.junit().tests()).isEqualTo(3);
        assertThat(result.junit().failures()).isEqualTo(1);
        assertThat(result.junit().skipped()).isEqualTo(1);
        assertThat(result.junit().passed()).isEqualTo(1);
        assertThat(result.junit().failing()).containsExactly("demo.PagerTest.pageCountRoundsUp: expected 3 but was 2");
    }

    @Test
    void junitParsingRefusesExternalEntities() throws Exception {
        Path secret = workspace.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        Files.createDirectories(workspace.resolve("reports"));
        Files.writeString(workspace.resolve("reports/TEST-x.xml"), "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE t [<!ENTITY x SYSTEM \"file://" + secret + "\">]>\n"
                + "<testsuite><testcase classname=\"a\" name=\"b\"><failure message=\"&x;\"/></testcase></testsuite>");

        JUnitCounts counts = JUnitReports.read(workspace, "reports/*.xml", 0);

        assertThat(counts.tests()).as("the hostile file is ignored, not expanded").isZero();
        assertThat(counts.failing()).noneMatch(line -> line.contains("TOP-SECRET"));
    }

    @Test
    void gatesRunWithoutProviderCredentials() {
        Map<String, String> host = Map.of("PATH", System.getenv("PATH"), "OPENAI_API_KEY", "sk-host-0123456789",
                "MY_DEEPSEEK", "sk-deepseek-0123456789", "COPY_OF_KEY", "prefix-sk-deepseek-0123456789", "KEEP", "me");
        // Even names the admin allows are not passed when they are a credential's or hold a secret value.
        Map<String, String> scrubbed = GateEnvironment.forGates(host,
                List.of("KEEP", "OPENAI_API_KEY", "MY_DEEPSEEK", "COPY_OF_KEY"), List.of("MY_DEEPSEEK"),
                List.of("sk-deepseek-0123456789"));
        assertThat(scrubbed).containsOnlyKeys("PATH", "KEEP");

        GateResult result = new GateRunner(new LocalCommandRunner(), scrubbed, Redactor.of("sk-deepseek-0123456789"),
                EnvironmentMask.NONE)
                .run(List.of(new Gate("env", "env", null, null)), workspace).get(0);
        assertThat(result.output()).contains("KEEP=me").doesNotContain("sk-host", "sk-deepseek", "OPENAI_API_KEY");
    }

    @Test
    void secretsPrintedByAGateAreRedacted() {
        GateResult result = runner("sk-printed-0123456789").run(List.of(
                new Gate("leaky", "echo token is sk-printed-0123456789", null, null)), workspace).get(0);
        assertThat(result.output()).doesNotContain("sk-printed-0123456789").contains("token is");
    }

    @Test
    void hugeOutputIsBoundedButKeepsItsStartAndEnd() {
        GateResult result = runner().run(List.of(new Gate("loud",
                "echo FIRST; yes filler | head -c 5000000; echo; echo LAST", null, null)), workspace).get(0);
        assertThat(result.output().length()).isLessThan(LocalCommandRunner.OUTPUT_LIMIT + 100);
        assertThat(result.output()).startsWith("FIRST").contains("bytes omitted").endsWith("LAST\n");
    }

    @Test
    void feedbackNamesFailuresWithinItsTokenBound() {
        List<GateResult> results = runner().run(List.of(
                new Gate("lint", "echo lint ok", null, null),
                new Gate("test", "yes 'noise line' | head -n 20000; echo 'AssertionError: expected 3 but was 2'; exit 1",
                        null, null)), workspace);

        String feedback = GateFeedback.of(results, 500);
        assertThat(feedback).contains("Gate 'test' failed (exit code 1)", "AssertionError: expected 3 but was 2")
                .doesNotContain("lint ok");
        assertThat(feedback.length()).isLessThanOrEqualTo(500 * 4 + 100);
        assertThat(GateFeedback.of(results.subList(0, 1), 500)).isEqualTo("All gates passed.");
    }

    @Test
    void gatesXmlIsValidJUnitWithEscapedOutput() throws Exception {
        List<GateResult> results = runner().run(List.of(
                new Gate("build", "echo ok", null, null),
                new Gate("test", "printf '<boom> & \\001 done'; exit 1", null, null)), workspace);
        Path xml = workspace.resolve("gates.xml");

        GatesXml.write(List.of(new GatesXml.Round(1, results)), xml);

        Document doc = JUnitReports.parser().parse(xml.toFile());
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("2");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(doc.getElementsByTagName("failure").item(0).getTextContent()).contains("<boom> & ");
        assertThat(JUnitReports.read(workspace, "gates.xml", 0).failing()).containsExactly(
                "ai-lanes.gates.test: round 1: exit code 1");
    }

    @Test
    void colourAndCursorCodesAreStrippedFromGateOutput() {
        GateResult result = runner().run(List.of(new Gate("mvn",
                "printf '\\033[1;31m[ERROR]\\033[m Tests run: 4, Failures: 2\\033]0;title\\007\\033(B done'; exit 1",
                null, null)), workspace).get(0);

        assertThat(result.output()).isEqualTo("[ERROR] Tests run: 4, Failures: 2 done");
        assertThat(GateRunner.withoutTerminalCodes("plain\ttext\n")).isEqualTo("plain\ttext\n");
    }

    @Test
    void aGateThatPassedInALaterRoundIsAPassWithItsEarlierFailuresAsFlaky() throws Exception {
        Gate flaky = new Gate("test", "test -f fixed || { echo still broken; exit 1; }", null, null);
        Gate broken = new Gate("lint", "echo lint fails; exit 2", null, null);
        List<GateResult> first = runner().run(List.of(flaky, broken), workspace);
        Files.writeString(workspace.resolve("fixed"), "");
        List<GateResult> second = runner().run(List.of(flaky, broken), workspace);
        Path xml = workspace.resolve("gates.xml");

        GatesXml.write(List.of(new GatesXml.Round(1, first), new GatesXml.Round(2, second)), xml);

        Document doc = JUnitReports.parser().parse(xml.toFile());
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("2");
        assertThat(doc.getDocumentElement().getAttribute("failures")).as("only the gate that never passed").isEqualTo("1");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        org.w3c.dom.Element test = (org.w3c.dom.Element) doc.getElementsByTagName("testcase").item(0);
        assertThat(test.getAttribute("name")).isEqualTo("test");
        assertThat(test.getElementsByTagName("failure").getLength()).isZero();
        assertThat(((org.w3c.dom.Element) test.getElementsByTagName("flakyFailure").item(0)).getAttribute("message"))
                .isEqualTo("round 1: exit code 1");
        assertThat(test.getElementsByTagName("flakyFailure").item(0).getTextContent()).contains("still broken");
        org.w3c.dom.Element lint = (org.w3c.dom.Element) doc.getElementsByTagName("testcase").item(1);
        assertThat(lint.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
                .isEqualTo("round 2: exit code 2");
        assertThat(lint.getElementsByTagName("rerunFailure").getLength()).isEqualTo(1);
        assertThat(JUnitReports.read(workspace, "gates.xml", 0).failing()).containsExactly(
                "ai-lanes.gates.lint: round 2: exit code 2");
    }

    @Test
    void aGateNeedsANameACommandAndAPositiveTimeout() {
        assertThatThrownBy(() -> new Gate(" ", "x", null, null)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> new Gate("t", "", null, null)).hasMessageContaining("needs a command");
        assertThatThrownBy(() -> new Gate("t", "x", Duration.ZERO, null)).hasMessageContaining("timeout must be positive");
    }
}
