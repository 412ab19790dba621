package dev.sockbench.loadgen.engine;

/** How a run's measured interval ended. */
public enum Ending {
    /** It ran its full duration. */
    COMPLETE,
    /** Every connection was lost (the target died): it ended when the last one went. */
    ALL_CONNECTIONS_LOST,
    /** The generator was asked to stop (SIGINT, SIGTERM): it ended then, the data so far kept. */
    INTERRUPTED
}
