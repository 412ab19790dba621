package dev.sockbench.bench.suite;

import dev.sockbench.core.transport.Transport;
import dev.sockbench.loadgen.shape.LoadShape;

/**
 * One case of an expanded suite: a model on a transport under a load.
 *
 * @param caseId unique within the run, sorts in suite order, safe as a folder name, e.g.
 *     {@code 03-nio-epoll-tcp-open-r5k}
 * @param model server model id
 * @param transport the transport
 * @param load the load and server options
 * @param skipReason null when the case is to be measured; otherwise why the cell cannot run
 *     here ({@code n/a: ...} or {@code unavailable: ...})
 */
public record SuiteCase(String caseId, String model, Transport transport, LoadSpec load, String skipReason) {

    public boolean skipped() {
        return skipReason != null;
    }

    /** A sweep's rising steps cannot be known beforehand; the progress estimate counts this many. */
    static final int SWEEP_RISING_STEPS_GUESS = 5;

    /**
     * The expected wall time of the load itself, ns: warm-up + measured interval, once per run of
     * the engine — a capacity search runs its ceiling and each step, a sweep an estimate of its steps.
     */
    public long loadNs() {
        long once = load.warmupNs() + load.durationNs();
        return switch (load.options().resolve(transport).shape()) {
            case LoadShape.Capacity c -> once * (1 + c.steps());
            case LoadShape.Sweep s -> once * (SWEEP_RISING_STEPS_GUESS + s.refineSteps());
            default -> once;
        };
    }
}
