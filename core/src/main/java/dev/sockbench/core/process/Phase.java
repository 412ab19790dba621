package dev.sockbench.core.process;

import dev.sockbench.core.cli.Identified;

/** The phases the load generator announces, in this order, as {@code PHASE <id>} lines. */
public enum Phase implements Identified {
    /** Load runs; nothing is recorded. */
    WARMUP("warmup"),
    /** The measured interval starts now. */
    MEASURE("measure"),
    /** The measured interval ended (requests in flight are still drained). */
    DONE("done");

    private final String id;

    Phase(String id) {
        this.id = id;
    }

    /** The lower-case id on the wire, e.g. {@code measure}. */
    @Override
    public String id() {
        return id;
    }
}
