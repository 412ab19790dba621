package dev.sockbench.loadgen;

import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.GeneratorCheck;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.RequestHandling;
import dev.sockbench.core.result.StreamThroughput;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.loadgen.check.SelfCheck;
import dev.sockbench.loadgen.engine.LoadResult;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.pacing.Pacer;
import dev.sockbench.loadgen.shape.LoadShape;
import java.util.List;

/** Turns what a run measured into the generator's {@link LoadReport}. Stateless. */
public final class LoadReports {
    private LoadReports() {}

    /**
     * The report of one run.
     *
     * @param targetRatePerSec the rate asked for (paced shapes), null otherwise
     * @param invalidReasons why the case must not be trusted; empty when valid
     * @param sweep the sweep's block, or null
     */
    public static LoadReport of(
            LoadSpec spec, LoadResult result, Double targetRatePerSec, List<String> invalidReasons, SweepResult sweep) {
        Arrival arrival = spec.arrival();
        double catchUp = result.plan().catchUpFactor();
        CaseLoad load = CaseLoad.builder()
                .transport(spec.transport().id())
                .framing(spec.framing().id())
                .shape(spec.shape().id())
                .connections(spec.shape().connections())
                .depth(spec.shape().depth())
                .arrival(arrival == null ? null : arrival.id())
                .payloadBytes(spec.payloadBytes())
                .durationSec(result.measuredSec())
                .warmupSec(spec.warmupNs() / 1e9)
                .targetRatePerSec(targetRatePerSec)
                .catchUpFactor(catchUp == Pacer.NO_CATCH_UP ? null : catchUp)
                .achievedRatePerSec(result.achievedRatePerSec())
                .requests(result.requests())
                .accounting(result.accounting())
                .errors(result.errors())
                .handling(RequestHandling.of(spec.handling()))
                .build();
        return LoadReport.builder()
                .invalidReasons(invalidReasons)
                .load(load)
                .latencyUs(latency(result))
                .udp(result.datagrams())
                .stream(spec.shape() instanceof LoadShape.Stream s ? stream(result, s, spec.payloadBytes()) : null)
                .idle(result.idle())
                .sweep(sweep)
                .generator(generator(result, spec.shape().kind().paced()))
                .build();
    }

    /** Corrected and raw percentiles, µs. */
    public static LatencyUs latency(LoadResult result) {
        return new LatencyUs(Percentiles.ofNanos(result.corrected()), Percentiles.ofNanos(result.raw()));
    }

    /**
     * @param pacedShape whether the shape is paced; the send lag is reported when the run itself
     *     was (a capacity search reported by its closed-loop ceiling run is not)
     */
    static GeneratorCheck generator(LoadResult result, boolean pacedShape) {
        boolean paced = pacedShape && result.sendLagNs() != null;
        // The JVM answers -1 where it cannot read the process's CPU time: unknown, not zero.
        Long cpuUs = result.cpuNs() < 0 ? null : result.cpuNs() / 1_000;
        long requests = result.requests();
        return new GeneratorCheck(
                result.plan().threads(),
                cpuUs,
                cpuUs == null || requests == 0 ? null : (double) cpuUs / requests,
                result.busiestPercent(),
                paced ? Percentiles.ofNanos(result.sendLagNs()) : null,
                paced ? SelfCheck.lagBoundNs(result.corrected().getValueAtPercentile(99)) / 1e3 : null,
                paced ? Percentiles.ofNanos(result.blockedNs()) : null,
                result.stealNs() < 0 ? null : result.stealNs() / 1_000);
    }

    private static StreamThroughput stream(LoadResult result, LoadShape.Stream shape, int payloadBytes) {
        double bytesPerSec = result.achievedRatePerSec() * payloadBytes;
        return new StreamThroughput(bytesPerSec, bytesPerSec * 8, (long) shape.depth() * payloadBytes);
    }
}
