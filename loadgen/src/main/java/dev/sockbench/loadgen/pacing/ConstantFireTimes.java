package dev.sockbench.loadgen.pacing;

/**
 * Evenly spaced fire times: {@code firstFireNs + k * 1e9 / ratePerSec} for k = 0, 1, 2, ...
 * Each time is computed from {@code k}, not by adding intervals, so rounding never accumulates
 * into drift.
 */
public final class ConstantFireTimes implements FireTimeSequence {
    private final long firstFireNs;
    private final double intervalNs;
    private long count;

    /**
     * @param firstFireNs the first fire time, ns
     * @param ratePerSec fire times per second; positive
     */
    public ConstantFireTimes(long firstFireNs, double ratePerSec) {
        if (!(ratePerSec > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + ratePerSec);
        }
        this.firstFireNs = firstFireNs;
        this.intervalNs = 1e9 / ratePerSec;
    }

    @Override
    public long nextFireTimeNs() {
        return firstFireNs + (long) (count++ * intervalNs);
    }
}
