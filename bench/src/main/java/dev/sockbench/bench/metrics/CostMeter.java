package dev.sockbench.bench.metrics;

import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.result.GcPauses;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.ServerCost;

/** Turns the readings of the server process into its {@link ServerCost} for one case. */
public final class CostMeter {
    private CostMeter() {}

    /**
     * The cost of the measured interval.
     *
     * @param idleRssBytes the server's RSS after it listened, before any load (the RSS baseline)
     * @param interval the readings over the measured interval; without both usage readings the
     *     CPU time and context switches are left out; the accept failures are the end reading's
     *     (since the server started), left out without it
     * @param load the load generator's report: its {@link LoadReport#measuredIntervalRequests()}
     *     divide the per-request figures, the connections it held open (active and idle) the RSS
     *     growth
     * @param gc GC pauses in the interval; null when unknown
     * @param virtualThreadsPinned pins of virtual threads in the interval; null for models without
     *     them, or when unknown
     */
    public static ServerCost cost(
            long idleRssBytes,
            ServerSampler.Interval interval,
            LoadReport load,
            GcPauses gc,
            Long virtualThreadsPinned) {
        long requests = load.measuredIntervalRequests();
        ResourceUsage used = interval.usageStart() == null || interval.usageEnd() == null
                ? null
                : interval.usageEnd().minus(interval.usageStart());
        int connections = load.load().connections()
                + (load.idle() == null ? 0 : load.idle().opened());
        return new ServerCost(
                used == null ? null : used.userCpuUs(),
                used == null ? null : used.sysCpuUs(),
                used == null ? null : perRequest(used.userCpuUs() + used.sysCpuUs(), requests),
                used == null ? null : used.voluntaryCtxSwitches(),
                used == null ? null : used.involuntaryCtxSwitches(),
                used == null ? null : perRequest(used.voluntaryCtxSwitches() + used.involuntaryCtxSwitches(), requests),
                interval.peakThreads(),
                interval.peakRssBytes(),
                connections > 0 ? (double) (interval.peakRssBytes() - idleRssBytes) / connections : null,
                gc == null ? null : gc.count(),
                gc == null ? null : gc.totalUs(),
                gc == null ? null : gc.maxUs(),
                virtualThreadsPinned,
                interval.usageEnd() == null ? null : interval.usageEnd().acceptFailures(),
                interval.usageEnd() == null ? null : interval.usageEnd().malformedRequests());
    }

    /** Per request; null (unknown, not zero) when no request completed. */
    private static Double perRequest(long amount, long requests) {
        return requests > 0 ? (double) amount / requests : null;
    }
}
