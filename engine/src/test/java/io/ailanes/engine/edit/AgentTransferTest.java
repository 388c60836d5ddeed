package io.ailanes.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.gate.CommandResult;
import io.ailanes.engine.gate.Gate;
import io.ailanes.engine.gate.GateResult;
import io.ailanes.engine.gate.JUnitCounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The values that cross between a Jenkins controller and an agent (the workspace is on the agent, the model call on
 * the controller) survive Java serialization intact: the plugin runs {@link LocalWorkspace} on the agent through
 * them.
 */
class AgentTransferTest {

    @TempDir
    Path ws;

    @Test
    void aSnapshotWithAnAbsentFileTravelsAndStillRestores() throws Exception {
        Files.writeString(ws.resolve("a.txt"), "one\n");
        LocalWorkspace workspace = new LocalWorkspace(ws);
        FileSnapshot before = workspace.snapshot(List.of("a.txt", "new.txt"));

        FileSnapshot travelled = roundTrip(before);

        assertThat(travelled).isEqualTo(before);
        assertThat(travelled.files().get("new.txt")).isEmpty();
        Files.writeString(ws.resolve("a.txt"), "changed\n");
        Files.writeString(ws.resolve("new.txt"), "created\n");
        workspace.restore(travelled);
        assertThat(Files.readString(ws.resolve("a.txt"))).isEqualTo("one\n");
        assertThat(ws.resolve("new.txt")).doesNotExist();
    }

    @Test
    void aChangeSetAndPolicyTravelAndApplyTheSameAsBefore() throws Exception {
        Files.writeString(ws.resolve("a.txt"), "one\ntwo\n");
        ChangeSet changes = EditParser.parse("a.txt\n<<<<<<< SEARCH\ntwo\n=======\nzwei\n>>>>>>> REPLACE\n",
                EditFormat.SEARCH_REPLACE);
        EditPolicy policy = EditPolicy.forPlan(Set.of("a.txt"));

        AppliedChanges applied = new LocalWorkspace(ws).apply(roundTrip(changes), roundTrip(policy));

        assertThat(roundTrip(applied)).isEqualTo(applied);
        assertThat(applied.files()).extracting(AppliedFile::path).containsExactly("a.txt");
        assertThat(Files.readString(ws.resolve("a.txt"), StandardCharsets.UTF_8)).isEqualTo("one\nzwei\n");
    }

    @Test
    void rejectionsAndProblemsTravelAsValues() throws Exception {
        PolicyViolation violation = new PolicyViolation(PolicyViolation.Rule.values()[0], "Jenkinsfile", "protected");
        EditProblem problem = new EditProblem(1, "a.txt", "search text not found");
        GateResult gate = new GateResult(new Gate("test", "sh test.sh", Duration.ofMinutes(1), "**/*.xml"), false, 1,
                false, Duration.ofSeconds(2), "FAILED", new JUnitCounts(3, 1, 0, 0, List.of("T.t: boom")));

        assertThat(roundTrip(violation)).isEqualTo(violation);
        assertThat(roundTrip(problem)).isEqualTo(problem);
        assertThat(roundTrip(gate)).isEqualTo(gate);
        assertThat(roundTrip(new CommandResult(0, false, Duration.ZERO, "ok", 2))).isNotNull();
    }

    static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            T read = (T) in.readObject();
            return read;
        }
    }
}
