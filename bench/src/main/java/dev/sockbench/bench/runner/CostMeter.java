package dev.sockbench.bench.runner;

import dev.sockbench.bench.proc.ClockTicks;
import dev.sockbench.bench.proc.GcPauses;
import dev.sockbench.bench.proc.ProcessSample;
import dev.sockbench.bench.proc.ProcessSample.TaskSwitches;
import dev.sockbench.core.result.KernelCounters;
import dev.sockbench.core.result.ServerCost;
import java.util.function.LongUnaryOperator;

/** Turns readings of the server process into its {@link ServerCost} for one case. */
final class CostMeter {
    private CostMeter() {}

    /**
     * The cost of the measured interval.
     *
     * @param idle the server after it listened, before any load (the RSS baseline)
     * @param interval the readings over the measured interval
     * @param requests requests completed in the interval (the divisor of the per-request figures)
     * @param connections connections open during it (the divisor of the RSS growth)
     * @param ticksToMicros converts clock ticks to µs
     * @param gc GC pauses in the interval; null when unknown
     * @param kernel kernel drop counters over the case; null when unknown
     */
    static ServerCost cost(
            ProcessSample idle,
            ServerSampler.Interval interval,
            long requests,
            int connections,
            LongUnaryOperator ticksToMicros,
            GcPauses gc,
            KernelCounters kernel) {
        ProcessSample start = interval.start();
        ProcessSample end = interval.end();
        long userUs = ticksToMicros.applyAsLong(end.userTicks() - start.userTicks());
        long sysUs = ticksToMicros.applyAsLong(end.sysTicks() - start.sysTicks());
        TaskSwitches switches = interval.switches();
        return new ServerCost(
                userUs,
                sysUs,
                perRequest(userUs + sysUs, requests),
                switches.voluntary(),
                switches.involuntary(),
                perRequest(switches.total(), requests),
                interval.peakThreads(),
                interval.peakRssBytes(),
                connections > 0 ? (double) (interval.peakRssBytes() - idle.rssBytes()) / connections : 0,
                gc == null ? null : gc.count(),
                gc == null ? null : gc.totalUs(),
                gc == null ? null : gc.maxUs(),
                kernel);
    }

    /** {@link #cost} with the kernel's clock tick. */
    static ServerCost cost(
            ProcessSample idle,
            ServerSampler.Interval interval,
            long requests,
            int connections,
            GcPauses gc,
            KernelCounters kernel) {
        return cost(idle, interval, requests, connections, ClockTicks::toMicros, gc, kernel);
    }

    private static double perRequest(long amount, long requests) {
        return requests > 0 ? (double) amount / requests : 0;
    }
}
