package dev.sockbench.loadgen;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.GeneratorCheck;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.core.result.StreamThroughput;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.loadgen.check.SelfCheck;
import dev.sockbench.loadgen.engine.LoadResult;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.pacing.Pacer;
import dev.sockbench.loadgen.shape.LoadShape;
import java.util.List;

/** Turns what a run measured into the case's {@code summary.json}. Stateless. */
public final class CaseSummaries {
    private CaseSummaries() {}

    /**
     * The summary of one run.
     *
     * @param targetRatePerSec the rate asked for (paced shapes), null otherwise
     * @param invalidReasons why the case must not be trusted; empty when valid
     * @param sweep the sweep's block, or null
     */
    public static CaseSummary of(
            LoadSpec spec, LoadResult result, Double targetRatePerSec, List<String> invalidReasons, SweepResult sweep) {
        long requests = result.requests();
        CaseSummary summary = new CaseSummary(
                ResultFiles.FORMAT,
                null,
                null,
                spec.transport().id(),
                spec.framing().id(),
                spec.shape().id(),
                spec.shape().connections(),
                spec.payloadBytes(),
                result.measuredSec(),
                spec.warmupNs() / 1e9,
                targetRatePerSec,
                result.achievedRatePerSec(),
                requests,
                result.errors(),
                latency(result),
                invalidReasons.isEmpty(),
                invalidReasons,
                null);
        Arrival arrival = spec.arrival();
        double catchUp = result.plan().catchUpFactor();
        return summary.withAccounting(result.accounting(), catchUp == Pacer.NO_CATCH_UP ? null : catchUp)
                .withLoadBlocks(
                        spec.shape().depth(),
                        arrival == null ? null : arrival.id(),
                        generator(result, spec.shape().kind().paced()),
                        result.datagrams(),
                        spec.shape() instanceof LoadShape.Stream s ? stream(result, s, spec.payloadBytes()) : null,
                        result.idle(),
                        sweep);
    }

    /** Corrected and raw percentiles, µs. */
    public static LatencyUs latency(LoadResult result) {
        return new LatencyUs(Percentiles.ofNanos(result.corrected()), Percentiles.ofNanos(result.raw()));
    }

    /** @param paced whether the shape is paced: only then is the send lag recorded and checked */
    static GeneratorCheck generator(LoadResult result, boolean paced) {
        long cpuUs = result.cpuNs() / 1_000;
        long requests = result.requests();
        return new GeneratorCheck(
                result.plan().threads(),
                cpuUs,
                requests == 0 ? 0 : (double) cpuUs / requests,
                result.busiestPercent(),
                paced ? Percentiles.ofNanos(result.sendLagNs()) : null,
                paced ? SelfCheck.lagBoundNs(result.corrected().getValueAtPercentile(99)) / 1e3 : null,
                paced ? Percentiles.ofNanos(result.blockedNs()) : null);
    }

    private static StreamThroughput stream(LoadResult result, LoadShape.Stream shape, int payloadBytes) {
        double bytesPerSec = result.achievedRatePerSec() * payloadBytes;
        return new StreamThroughput(bytesPerSec, bytesPerSec * 8, (long) shape.depth() * payloadBytes);
    }
}
