package dev.sockbench.bench.cli;

import java.nio.file.Path;

/**
 * The sockbench checkout the CLI runs from. {@code run.sh} passes it as the system property
 * {@value #PROPERTY}, so results land in the checkout's {@code results/} and the run records
 * the checkout's git commit wherever the user's shell is; without it, the working directory.
 */
public final class Home {
    static final String PROPERTY = "sockbench.home";

    private Home() {}

    /** The checkout's folder. */
    public static Path dir() {
        String home = System.getProperty(PROPERTY);
        return home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home);
    }

    /** The default folder for results. */
    static Path results() {
        String home = System.getProperty(PROPERTY);
        return home == null || home.isBlank() ? Path.of("results") : Path.of(home, "results");
    }
}
