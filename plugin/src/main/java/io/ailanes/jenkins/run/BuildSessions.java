package io.ailanes.jenkins.run;

import hudson.Extension;
import hudson.ExtensionList;
import io.ailanes.engine.run.AiRun;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One engine run per build while any of its AI Lanes steps is working: parallel steps share its audit log (one hash
 * chain per build), providers and circuit breakers. Opened by the first step, closed when the last one ends, so
 * nothing stays open between steps, across a restart or after an aborted build.
 */
@Extension
public final class BuildSessions {

    private final Map<String, Session> sessions = new HashMap<>();

    public static BuildSessions get() {
        return ExtensionList.lookupSingleton(BuildSessions.class);
    }

    /** A build's open run, and how many steps use it. */
    public static final class Session {

        private final String runId;
        private final AiRun run;
        private int users;

        private Session(String runId, AiRun run) {
            this.runId = runId;
            this.run = run;
        }

        public AiRun run() {
            return run;
        }
    }

    /**
     * The build's session, opened with {@code opener} when no step of the build has it open.
     *
     * @param recorder receives the events of the build's reservations while the session is open
     */
    synchronized Session acquire(String runId, Supplier<AiRun> opener, java.util.function.Consumer<String> recorder) {
        Session session = sessions.get(runId);
        if (session == null) {
            ControllerLedger.get().record(runId, recorder);
            try {
                session = new Session(runId, opener.get());
            } catch (RuntimeException e) {
                ControllerLedger.get().stop(runId);
                throw e;
            }
            sessions.put(runId, session);
        }
        session.users++;
        return session;
    }

    synchronized void release(Session session) {
        session.users--;
        if (session.users == 0) {
            sessions.remove(session.runId);
            ControllerLedger.get().stop(session.runId);
            session.run.close();
        }
    }
}
