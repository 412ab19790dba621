package dev.sockbench.bench.cli;

import dev.sockbench.bench.env.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code sockbench --version}: the build's version and the JDK it runs on. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "sockbench " + BuildInfo.version(),
            "JDK " + System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
        };
    }
}
