package dev.sockbench.bench.cli;

import java.io.IOException;
import java.nio.file.Path;

/** Renders the report of a run folder; returns the report's entry page. */
@FunctionalInterface
interface RunReporter {
    Path render(Path runDir) throws IOException;
}
