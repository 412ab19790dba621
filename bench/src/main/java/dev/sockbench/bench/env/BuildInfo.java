package dev.sockbench.bench.env;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this build of sockbench carries (from the Maven project, filtered in at build time). */
public final class BuildInfo {
    private static final String RESOURCE = "/dev/sockbench/bench/build.properties";

    private BuildInfo() {}

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build did not record it. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
