package io.ailanes.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.ailanes.engine.gate.Gate;
import java.time.Duration;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A gate of {@code aiImplement}: {@code [name: 'test', command: 'mvn -q test', timeoutMinutes: 15, junit:
 * '**}{@code /surefire-reports/*.xml']}. A deterministic command; never a model.
 */
public final class GateSpec implements Describable<GateSpec> {

    private final String name;
    private final String command;
    private int timeoutMinutes;
    private String junit;

    @DataBoundConstructor
    public GateSpec(String name, String command) {
        this.name = Util.fixEmptyAndTrim(name);
        this.command = command == null ? null : command.strip();
    }

    public String getName() {
        return name;
    }

    public String getCommand() {
        return command;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** Minutes before the gate is killed; 0 (the default) means the engine's default of 10. */
    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public String getJunit() {
        return junit;
    }

    @DataBoundSetter
    public void setJunit(String junit) {
        this.junit = Util.fixEmptyAndTrim(junit);
    }

    Gate toGate() {
        return new Gate(name, command, timeoutMinutes > 0 ? Duration.ofMinutes(timeoutMinutes) : null, junit);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<GateSpec> {

        @Override
        public String getDisplayName() {
            return "Gate";
        }
    }
}
