package dev.sockbench.loadgen.engine;

import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.IdleConnections;
import dev.sockbench.core.result.RequestAccounting;
import org.HdrHistogram.Histogram;

/**
 * What one {@link LoadPlan} measured, before it is judged and summed up.
 *
 * @param plan what ran
 * @param corrected latency from intended send times, ns, all measured requests
 * @param raw latency from actual send times, ns
 * @param sendLagNs how late sends left by the generator's fault, ns; null unless paced
 * @param blockedNs how long requests waited for their connection to have room, ns; null unless paced
 * @param errors failures by kind
 * @param datagrams datagram accounting; null on stream transports
 * @param accounting the fate of every request intended in the measured interval
 * @param completedInInterval verified echoes received within the measured interval
 * @param measuredSec length of the measured interval: the duration, or less when it ended early
 *     ({@code ending})
 * @param cpuNs CPU time of the generator process over the measured interval, ns
 * @param stealNs steal time of the generator's CPUs over the measured interval, ns (to 10 ms a
 *     CPU): the host ran something else while they had work; {@link
 *     dev.sockbench.loadgen.check.CpuMeter#UNKNOWN} when not known
 * @param busiestPercent the busiest worker's busy share of the measured interval, percent
 * @param idle the silent connections; null unless the plan had some
 * @param connectionsLost active connections that failed or were closed by the server
 * @param ending whether the measured interval ran its full length, and if not, why
 * @param firstError the first failure seen, for the user; null when none
 */
public record LoadResult(
        LoadPlan plan,
        Histogram corrected,
        Histogram raw,
        Histogram sendLagNs,
        Histogram blockedNs,
        ErrorCounts errors,
        DatagramCounts datagrams,
        RequestAccounting accounting,
        long completedInInterval,
        double measuredSec,
        long cpuNs,
        long stealNs,
        double busiestPercent,
        IdleConnections idle,
        long connectionsLost,
        Ending ending,
        String firstError) {

    /** Requests of the measured interval answered within the timeout ({@link RequestAccounting#answered}). */
    public long requests() {
        return accounting.answered();
    }

    /**
     * Echoes received within the measured interval per second of it: the throughput the server
     * delivered, whatever each request's intended time.
     */
    public double achievedRatePerSec() {
        return measuredSec > 0 ? completedInInterval / measuredSec : 0;
    }
}
