package dev.sockbench.report.cases;

import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.SweepResult;

/**
 * Reading a sweep: which latency its objective bounds. A summary carries p50, p90, p99, p99.9 and
 * the maximum; an objective on another percentile (say p95) is shown against p99, and says so.
 */
public final class Sweeps {
    private static final double DEFAULT_PERCENTILE = 99.0;

    private Sweeps() {}

    /** The percentile to show a sweep's steps at: its objective's when carried, else 99. */
    public static double shownPercentile(SweepResult sweep) {
        return Percentiles.carried(sweep.sloPercentile()) ? sweep.sloPercentile() : DEFAULT_PERCENTILE;
    }
}
