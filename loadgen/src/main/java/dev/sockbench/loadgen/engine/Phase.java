package dev.sockbench.loadgen.engine;

import dev.sockbench.core.process.ProcessLines;

/**
 * The phases of a run as the engine reports them, one for each of the process contract's {@link
 * dev.sockbench.core.process.Phase}s, which says what each means.
 */
public enum Phase {
    WARMUP(dev.sockbench.core.process.Phase.WARMUP),
    MEASURE(dev.sockbench.core.process.Phase.MEASURE),
    DONE(dev.sockbench.core.process.Phase.DONE);

    private final dev.sockbench.core.process.Phase announced;

    Phase(dev.sockbench.core.process.Phase announced) {
        this.announced = announced;
    }

    /** The stdout marker, e.g. {@code PHASE measure}. */
    public String marker() {
        return ProcessLines.phase(announced);
    }
}
