package io.ailanes.engine.config;

import io.ailanes.engine.edit.EditPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What the admin allows every implement step, whatever its pipeline asks for.
 *
 * @param protectedPaths globs (see {@link io.ailanes.engine.edit.Glob}) no change may touch, in addition to the
 *     built-in ones ({@link EditPolicy#DEFAULT_PROTECTED}), which cannot be configured away
 * @param allowEscalation whether an implement step may escalate to its lane's escalation lane when its rounds run
 *     out (default true); when false, a step's {@code escalate} is ignored with a note
 * @param gateEnvironment environment variable names gates get besides the built-in ones
 *     ({@link io.ailanes.engine.gate.GateEnvironment}); a trailing {@code *} makes a prefix ({@code NPM_CONFIG_*})
 * @param allowSensitive globs of the build files ({@link io.ailanes.engine.edit.ProtectedFiles#SENSITIVE}) changes
 *     may touch; every change to one is audited. None by default: a build file runs code on the next build.
 * @param allowedRegions the regions prompts and completions may go to ({@link io.ailanes.engine.residency.RegionPolicy}):
 *     a provider outside them, or of unknown region, is never called. Null: no restriction
 */
public record PolicySettings(List<String> protectedPaths, Boolean allowEscalation, List<String> gateEnvironment,
        List<String> allowSensitive, List<String> allowedRegions) {

    public static final PolicySettings DEFAULT = new PolicySettings(null, null, null, null, null);

    /** A policy without a region restriction. */
    public PolicySettings(List<String> protectedPaths, Boolean allowEscalation, List<String> gateEnvironment,
            List<String> allowSensitive) {
        this(protectedPaths, allowEscalation, gateEnvironment, allowSensitive, null);
    }

    public PolicySettings {
        protectedPaths = AiLanesConfig.copy(protectedPaths);
        gateEnvironment = AiLanesConfig.copy(gateEnvironment);
        allowSensitive = AiLanesConfig.copy(allowSensitive);
        // Null (no restriction) is kept apart from an empty list (which allows nothing and is reported as a mistake).
        allowedRegions = allowedRegions == null ? null
                : java.util.Collections.unmodifiableList(new ArrayList<>(allowedRegions));
    }

    /** Whether escalation is allowed (the default when not set). */
    public boolean escalationAllowed() {
        return allowEscalation == null || allowEscalation;
    }

    /**
     * {@code base} with the built-in protected globs plus the configured ones, and the configured sensitive build
     * files allowed besides those {@code base} allows (a CLI user's {@code --allow-sensitive}).
     */
    public EditPolicy apply(EditPolicy base) {
        LinkedHashSet<String> globs = new LinkedHashSet<>(EditPolicy.DEFAULT_PROTECTED);
        globs.addAll(base.protectedGlobs());
        protectedPaths.forEach(globs::add);
        LinkedHashSet<String> sensitive = new LinkedHashSet<>(base.sensitiveAllowed());
        allowSensitive.forEach(sensitive::add);
        return base.withProtectedGlobs(new ArrayList<>(globs)).withSensitiveAllowed(new ArrayList<>(sensitive));
    }
}
