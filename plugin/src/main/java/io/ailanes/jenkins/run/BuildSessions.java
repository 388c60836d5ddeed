package io.ailanes.jenkins.run;

import hudson.Extension;
import hudson.ExtensionList;
import io.ailanes.engine.run.AiRun;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One engine run per build while any of its AI Lanes steps is working: parallel steps share its audit log (one hash
 * chain per build), providers and circuit breakers. Opened by the first step, closed when the last one ends, so
 * nothing stays open between steps, across a restart or after an aborted build.
 */
@Extension
public final class BuildSessions {

    private static final Logger LOGGER = Logger.getLogger(BuildSessions.class.getName());

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

    /**
     * When Jenkins stops, right after the ledger's journal is closed ({@link ControllerLedger#close}): the runs still open (calls in flight) release their
     * audit logs and providers. A call cut off here cannot settle any more (the journal refuses it), so its reservation
     * stays open in the journal and counts as spent when Jenkins starts again ({@link ControllerLedger#recoverOnStart}),
     * which then writes it into this build's audit: the file must not still be held by this run.
     */
    synchronized void closeAll() {
        for (Session session : sessions.values()) {
            LOGGER.info(() -> "AI Lanes: " + session.runId + " still had a call in flight as Jenkins stopped");
            try {
                // The audit first: closing the providers may wait for the call in flight.
                session.run.audit().close();
                session.run.close();
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.FINE, "closing the AI Lanes run of " + session.runId, e);
            }
        }
        sessions.clear();
    }

    synchronized void release(Session session) {
        session.users--;
        if (session.users == 0 && sessions.get(session.runId) == session) {
            sessions.remove(session.runId);
            ControllerLedger.get().stop(session.runId);
            session.run.close();
        }
    }
}
