package io.ailanes.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a host that runs gates its own way (the Jenkins launcher) shares with the engine's runner. */
class GateHostingTest {

    private static final Gate GATE = new Gate("test", "sh test.sh", null, "**/*.xml");

    @Test
    void aGatePassesOnlyWithExitZeroInTimeAndNoFailingTests() {
        Redactor redactor = Redactor.of("sk-gate-hosting-0123456789");
        CommandResult ok = new CommandResult(0, false, Duration.ofSeconds(1), "key sk-gate-hosting-0123456789", 40);

        EnvironmentMask none = EnvironmentMask.NONE;
        GateResult passed = GateRunner.result(GATE, ok, new JUnitCounts(2, 0, 0, 1, List.of()), redactor, none);
        GateResult failedTest = GateRunner.result(GATE, ok, new JUnitCounts(2, 1, 0, 0, List.of("T.t")), redactor, none);
        GateResult timedOut = GateRunner.result(GATE, new CommandResult(-1, true, Duration.ofMinutes(10), "", 0),
                JUnitCounts.NONE, redactor, none);

        assertThat(passed.passed()).isTrue();
        assertThat(passed.output()).doesNotContain("sk-gate-hosting-0123456789");
        assertThat(failedTest.passed()).isFalse();
        assertThat(timedOut.passed()).isFalse();
    }

    @Test
    void aBoundedStreamKeepsTheStartAndTheEnd() {
        BoundedOutputStream out = new BoundedOutputStream(400);
        byte[] line = "0123456789\n".getBytes(StandardCharsets.UTF_8);
        out.write("START\n".getBytes(StandardCharsets.UTF_8), 0, 6);
        for (int i = 0; i < 1_000; i++) {
            out.write(line, 0, line.length);
        }
        out.write('E');
        out.write('N');
        out.write('D');

        assertThat(out.total()).isEqualTo(6 + 11_000 + 3);
        assertThat(out.text()).startsWith("START\n").endsWith("END").contains("bytes omitted");
        assertThat(out.text().length()).isLessThan(500);
    }

    @Test
    void theWellKnownKeyNamesAreOffered() {
        assertThat(GateEnvironment.wellKnownKeyNames()).contains("OPENAI_API_KEY", "ANTHROPIC_API_KEY");
    }
}
