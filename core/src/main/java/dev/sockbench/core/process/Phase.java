package dev.sockbench.core.process;

/** The phases the load generator announces, in this order, as {@code PHASE <id>} lines. */
public enum Phase {
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
    public String id() {
        return id;
    }
}
