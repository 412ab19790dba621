package dev.sockbench.loadgen.pacing;

import java.util.SplittableRandom;

/**
 * Fire times of a Poisson process: independent, exponentially distributed gaps with mean {@code
 * 1e9 / ratePerSec} ns, starting after {@code startNs}. The superposition of independent Poisson
 * sequences is again Poisson, so connections with their own seeds add up to a Poisson load at
 * the sum of their rates. Seeded, so a run can be repeated exactly.
 */
public final class PoissonFireTimes implements FireTimeSequence {
    private final long startNs;
    private final double meanIntervalNs;
    private final SplittableRandom random;
    private double offsetNs;

    /**
     * @param startNs the process starts here; the first fire time is one random gap later
     * @param ratePerSec mean fire times per second; positive
     * @param seed seeds the gaps
     */
    public PoissonFireTimes(long startNs, double ratePerSec, long seed) {
        if (!(ratePerSec > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + ratePerSec);
        }
        this.startNs = startNs;
        this.meanIntervalNs = 1e9 / ratePerSec;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public long nextFireTimeNs() {
        // Inverse transform: -ln(1 - U) is exponential with mean 1; 1 - U lies in (0, 1], so no log(0).
        offsetNs += -Math.log(1.0 - random.nextDouble()) * meanIntervalNs;
        return startNs + (long) offsetNs;
    }
}
