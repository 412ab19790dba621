package dev.sockbench.loadgen.engine;

/** The phases of a run, announced on stdout as {@code PHASE <id>} lines. */
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

    public String id() {
        return id;
    }

    /** The stdout marker, e.g. {@code PHASE measure}. */
    public String marker() {
        return "PHASE " + id;
    }
}
