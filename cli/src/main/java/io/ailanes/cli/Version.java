package io.ailanes.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version packaged in the jar manifest, or "development" when run from classes. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = AiLanes.class.getPackage().getImplementationVersion();
        return new String[] {"ai-lanes " + (version == null ? "development" : version)};
    }
}
