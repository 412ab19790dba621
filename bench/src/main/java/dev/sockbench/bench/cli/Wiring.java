package dev.sockbench.bench.cli;

import dev.sockbench.bench.suite.ModelCatalog;

/** Connects the CLI to the other modules: the servers' registry and the report renderer. */
final class Wiring {
    private Wiring() {}

    /** TEMPORARY until the servers branch lands. */
    static ModelCatalog catalog() {
        throw new UnsupportedOperationException("servers module not merged yet");
    }
}
