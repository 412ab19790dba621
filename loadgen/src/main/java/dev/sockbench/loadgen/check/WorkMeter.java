package dev.sockbench.loadgen.check;

/**
 * How much of the measured interval one worker thread spent working: the interval minus the time
 * it spent waiting (asleep in a select or a park, or polling with nothing ready). Waits are
 * clipped to the interval, so warm-up and drain do not count. A thread that never waited could not
 * have done more: {@link SelfCheck} calls it saturated.
 *
 * <pre>{@code
 * WorkMeter meter = new WorkMeter(measureStartNs, measureEndNs);
 * meter.waited(beforeSelectNs, afterSelectNs);
 * double busy = meter.busyPercent(finishedNs);
 * }</pre>
 *
 * Not thread-safe: owned by its worker; read after the worker finished.
 */
public final class WorkMeter {
    private final long windowStartNs;
    private final long windowEndNs;
    private long waitedNs;

    /** @param windowStartNs start of the measured interval; @param windowEndNs its end */
    public WorkMeter(long windowStartNs, long windowEndNs) {
        this.windowStartNs = windowStartNs;
        this.windowEndNs = windowEndNs;
    }

    /** The thread waited from {@code fromNs} to {@code toNs}; the part inside the interval counts. */
    public void waited(long fromNs, long toNs) {
        long from = Math.max(fromNs, windowStartNs);
        long to = Math.min(toNs, windowEndNs);
        if (to > from) {
            waitedNs += to - from;
        }
    }

    /**
     * Share of the interval, up to {@code finishedNs} when the thread stopped early, spent working,
     * percent; 0 when the thread did not run in the interval.
     */
    public double busyPercent(long finishedNs) {
        long windowNs = Math.min(finishedNs, windowEndNs) - windowStartNs;
        if (windowNs <= 0) {
            return 0;
        }
        return 100.0 * Math.max(0, windowNs - Math.min(waitedNs, windowNs)) / windowNs;
    }
}
