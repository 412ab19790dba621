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
 * @param echoedBytes payload bytes of verified echoes of measured requests
 * @param measuredSec length of the measured interval: the duration, or less when every connection
 *     was lost before its end
 * @param cpuNs CPU time of the generator process over the measured interval, ns
 * @param busiestPercent the busiest worker's busy share of the measured interval, percent
 * @param idle the silent connections; null unless the plan had some
 * @param connectionsLost active connections that failed or were closed by the server
 * @param endedEarly true when every connection was lost before the interval ended
 * @param firstError the first failure seen, for the user; null when none
 */
public record LoadResult(
        RunPlan plan,
        Histogram corrected,
        Histogram raw,
        Histogram sendLagNs,
        ErrorCounts errors,
        DatagramCounts datagrams,
        long echoedBytes,
        double measuredSec,
        long cpuNs,
        double busiestPercent,
        IdleConnections idle,
        long connectionsLost,
        boolean endedEarly,
        String firstError) {

    /** Completed (echoed, verified) measured requests. */
    public long requests() {
        return corrected.getTotalCount();
    }

    /** Completed requests per second over the measured interval. */
    public double achievedRatePerSec() {
        return measuredSec > 0 ? requests() / measuredSec : 0;
    }
}
