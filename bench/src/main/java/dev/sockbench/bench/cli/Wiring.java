package dev.sockbench.bench.cli;

import dev.sockbench.bench.suite.ModelCatalog;
import java.nio.file.Path;

/** Connects the CLI to the other modules: the servers' registry and the report renderer. */
final class Wiring {
    private Wiring() {}

    /** TEMPORARY until the servers branch lands. */
    static ModelCatalog catalog() {
        throw new UnsupportedOperationException("servers module not merged yet");
    }

    /** TEMPORARY until the report branch lands. */
    static Path renderReport(Path runDir) {
        return runDir.resolve("run.json");
    }
}
