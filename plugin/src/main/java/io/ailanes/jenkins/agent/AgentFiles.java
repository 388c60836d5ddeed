package io.ailanes.jenkins.agent;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.ailanes.engine.edit.BoundedText;
import io.ailanes.engine.gate.JUnitCounts;
import io.ailanes.engine.gate.JUnitReports;
import io.ailanes.engine.plan.PlanContext;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.agents.ControllerToAgentFileCallable;

/** Small reads done on the agent that holds the workspace: only their results cross the channel. */
public final class AgentFiles {

    private AgentFiles() {}

    /** A UTF-8 text file of the workspace (no links followed), at most {@code maxBytes} long. */
    public static String readText(FilePath workspace, String path, int maxBytes) throws IOException, InterruptedException {
        return workspace.act(new ReadText(path, maxBytes));
    }

    /** The repository map and the files the planner asked for, read on the agent. */
    public static PlanContext planContext(FilePath workspace, List<String> globs, String task, int maxContextTokens)
            throws IOException, InterruptedException {
        return workspace.act(new CollectPlanContext(new ArrayList<>(globs), task, maxContextTokens));
    }

    /** The agent's clock: JUnit reports are selected by their modification time on the agent. */
    public static long agentTime(FilePath workspace) throws IOException, InterruptedException {
        return workspace.act(new AgentTime());
    }

    /** A plan.json for {@code step}; a missing one is named with what writes it. */
    public static String readPlan(FilePath workspace, String path, int maxBytes, String step)
            throws IOException, InterruptedException {
        if (!workspace.child(path).exists()) {
            throw new hudson.AbortException(step + " needs a plan: no file " + path + " in the workspace. Run aiPlan"
                    + " first (it writes ai-lanes/plan.json), or give plan: the path of a plan.json");
        }
        return readText(workspace, path, maxBytes);
    }

    /** Test counts from the JUnit reports matching {@code glob} written at or after {@code sinceMillis}. */
    public static JUnitCounts junit(FilePath workspace, String glob, long sinceMillis)
            throws IOException, InterruptedException {
        return workspace.act(new ReadJUnit(glob, sinceMillis));
    }

    record ReadText(String path, int maxBytes) implements ControllerToAgentFileCallable<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            Path root = f.toPath().toRealPath();
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root)) {
                throw new IOException(path + " is outside the workspace");
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("no file " + path + " in the workspace");
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !file.toRealPath().startsWith(root)) {
                throw new IOException(path + " is not a file in the workspace (links are not followed)");
            }
            return BoundedText.read(file, path, maxBytes, LinkOption.NOFOLLOW_LINKS);
        }
    }

    record CollectPlanContext(ArrayList<String> globs, String task, int maxContextTokens)
            implements ControllerToAgentFileCallable<PlanContext> {
        private static final long serialVersionUID = 1L;

        @Override
        public PlanContext invoke(File f, VirtualChannel channel) throws IOException {
            return PlanContext.collect(f.toPath().toRealPath(), globs, task, maxContextTokens);
        }
    }

    record AgentTime() implements ControllerToAgentFileCallable<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long invoke(File f, VirtualChannel channel) {
            return System.currentTimeMillis();
        }
    }

    record ReadJUnit(String glob, long sinceMillis) implements ControllerToAgentFileCallable<JUnitCounts> {
        private static final long serialVersionUID = 1L;

        @Override
        public JUnitCounts invoke(File f, VirtualChannel channel) throws IOException {
            return JUnitReports.read(f.toPath(), glob, sinceMillis);
        }
    }
}
