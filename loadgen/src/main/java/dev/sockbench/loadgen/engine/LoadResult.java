package dev.sockbench.loadgen.engine;

import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.IdleConnections;
import org.HdrHistogram.Histogram;

/**
 * What one {@link RunPlan} measured, before it is judged and summed up.
 *
 * @param plan what ran
 * @param corrected latency from intended send times, ns, all measured requests
 * @param raw latency from actual send times, ns
 * @param sendLagNs how late sends left versus when they were due, ns; null unless paced
 * @param errors failures by kind
 * @param datagrams datagram accounting; null on stream transports
 * @param completedInInterval verified echoes received within the measured interval
 * @param measuredSec length of the measured interval: the duration, or less when it ended early
 *     ({@code ending})
 * @param cpuNs CPU time of the generator process over the measured interval, ns
 * @param busiestPercent the busiest worker's busy share of the measured interval, percent
 * @param idle the silent connections; null unless the plan had some
 * @param connectionsLost active connections that failed or were closed by the server
 * @param ending whether the measured interval ran its full length, and if not, why
 * @param firstError the first failure seen, for the user; null when none
 */
public record LoadResult(
        RunPlan plan,
        Histogram corrected,
        Histogram raw,
        Histogram sendLagNs,
        ErrorCounts errors,
        DatagramCounts datagrams,
        long completedInInterval,
        double measuredSec,
        long cpuNs,
        double busiestPercent,
        IdleConnections idle,
        long connectionsLost,
        Ending ending,
        String firstError) {

    /**
     * Requests completed (echoed, verified) within the measured interval: the throughput the
     * server delivered, whatever each request's intended time.
     */
    public long requests() {
        return completedInInterval;
    }

    /** {@link #requests} per second of the measured interval. */
    public double achievedRatePerSec() {
        return measuredSec > 0 ? requests() / measuredSec : 0;
    }

    /**
     * Latency samples: requests intended within the measured interval that completed, also
     * after its end (the drain). Equals {@link #requests} in a steady state, within the requests
     * in flight at either end; above it when the server fell behind and finished them late.
     */
    public long latencySamples() {
        return corrected.getTotalCount();
    }
}
