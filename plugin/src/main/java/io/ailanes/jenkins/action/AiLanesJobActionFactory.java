package io.ailanes.jenkins.action;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.Set;
import jenkins.model.TransientActionFactory;

/** Gives every job the AI Lanes cost trend; it renders nothing until a build has used AI Lanes. */
@Extension
public final class AiLanesJobActionFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return AiLanesJobAction.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        return Set.of(new AiLanesJobAction(target));
    }
}
