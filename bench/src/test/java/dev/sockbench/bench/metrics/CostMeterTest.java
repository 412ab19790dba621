package dev.sockbench.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.os.ResourceUsage;
import dev.sockbench.core.result.CaseLoad;
import dev.sockbench.core.result.GcPauses;
import dev.sockbench.core.result.IdleConnections;
import dev.sockbench.core.result.LatencyUs;
import dev.sockbench.core.result.LoadReport;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.core.result.SweepResult.SweepStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostMeterTest {
    private static final long MB = 1024 * 1024;
    private static final Percentiles P = new Percentiles(1.0, 1.0, 1.0, 1.0, 1, 1);

    // The server's getrusage at PHASE measure and at PHASE done: 2 s user, 1 s sys, 20,000
    // voluntary and 100 involuntary switches in between.
    private static final ResourceUsage START = new ResourceUsage(100_000, 50_000, 1_000, 10);
    private static final ResourceUsage END = new ResourceUsage(2_100_000, 1_050_000, 21_000, 110, 7, 2);

    @Test
    void costOfTheIntervalPerRequestAndPerConnection() {
        ServerSampler.Interval interval = new ServerSampler.Interval(START, END, null, 14, 48 * MB, 1_000, 2_500);
        GcPauses gc = new GcPauses(2, 3_000, 2_000);

        ServerCost cost = CostMeter.cost(40 * MB, interval, load(10_000, 4).build(), gc, 3L);

        assertThat(cost.cpuUserUs()).isEqualTo(2_000_000L);
        assertThat(cost.cpuSysUs()).isEqualTo(1_000_000L);
        assertThat(cost.cpuUsPerRequest()).isEqualTo(300.0); // 3,000,000 µs / 10,000 requests
        assertThat(cost.voluntaryCtxSwitches()).isEqualTo(20_000L);
        assertThat(cost.involuntaryCtxSwitches()).isEqualTo(100L);
        assertThat(cost.ctxSwitchesPerRequest()).isEqualTo(2.01); // 20,100 / 10,000
        assertThat(cost.threads()).isEqualTo(14);
        assertThat(cost.rssBytes()).isEqualTo(48 * MB);
        assertThat(cost.rssBytesPerConnection()).isEqualTo(2.0 * MB); // peak growth over idle, 8 MB / 4
        assertThat(cost.gcPauses()).isEqualTo(2);
        assertThat(cost.gcPauseUs()).isEqualTo(3_000);
        assertThat(cost.gcPauseMaxUs()).isEqualTo(2_000);
        assertThat(cost.virtualThreadsPinned()).isEqualTo(3);
        assertThat(cost.acceptFailures())
                .as("since the server started, not in the interval")
                .isEqualTo(7L);
        assertThat(cost.malformedRequests())
                .as("since the server started, not in the interval")
                .isEqualTo(2L);
    }

    @Test
    void idleConnectionsShareTheRssGrowth() {
        ServerSampler.Interval interval = new ServerSampler.Interval(START, END, null, 14, 48 * MB, 1_000, 2_500);
        LoadReport load =
                load(10_000, 4).idle(new IdleConnections(1_000, 1_020, 1_020)).build();

        ServerCost cost = CostMeter.cost(40 * MB, interval, load, null, null);

        assertThat(cost.rssBytesPerConnection()).isEqualTo(8.0 * MB / 1_024); // 4 active + 1,020 idle
    }

    @Test
    void aSweepIsDividedByTheRequestsOfAllItsSteps() {
        // The readings span every step; the summary's top-level requests are the capacity step's.
        ServerSampler.Interval interval = new ServerSampler.Interval(START, END, null, 14, 48 * MB, 1_000, 9_000);
        SweepResult sweep = new SweepResult(
                "p99=1ms",
                99.0,
                1_000.0,
                2_000.0,
                List.of(step(1_000, 1_000, true), step(2_000, 2_000, true), step(4_000, 7_000, false)));
        LoadReport load = load(2_000, 4).sweep(sweep).build();

        ServerCost cost = CostMeter.cost(40 * MB, interval, load, null, null);

        assertThat(load.measuredIntervalRequests()).isEqualTo(10_000);
        // 3,000,000 µs and 20,100 switches over 10,000 requests, not over the capacity step's 2,000
        assertThat(cost.cpuUsPerRequest()).isEqualTo(300.0);
        assertThat(cost.ctxSwitchesPerRequest()).isEqualTo(2.01);
    }

    @Test
    void withoutTheServersUsageTheCpuAndSwitchesAreLeftOutAndTheRestStands() {
        ServerSampler.Interval interval =
                new ServerSampler.Interval(START, null, "no answer at PHASE done", 14, 48 * MB, 1_000, 2_500);

        ServerCost cost = CostMeter.cost(40 * MB, interval, load(10_000, 4).build(), null, null);

        assertThat(cost.cpuUserUs()).isNull();
        assertThat(cost.cpuSysUs()).isNull();
        assertThat(cost.cpuUsPerRequest()).isNull();
        assertThat(cost.voluntaryCtxSwitches()).isNull();
        assertThat(cost.involuntaryCtxSwitches()).isNull();
        assertThat(cost.ctxSwitchesPerRequest()).isNull();
        assertThat(cost.threads()).isEqualTo(14);
        assertThat(cost.rssBytes()).isEqualTo(48 * MB);
        assertThat(cost.rssBytesPerConnection()).isEqualTo(2.0 * MB);
    }

    @Test
    void noRequestsGivesUnknownPerRequestFiguresRatherThanZeroOrInfinity() {
        ServerSampler.Interval interval = new ServerSampler.Interval(START, END, null, 1, MB, 0, 0);
        ServerCost cost = CostMeter.cost(MB, interval, load(0, 0).build(), null, null);

        // The server's CPU and switches are known; per request they are not (no request).
        assertThat(cost.cpuUserUs()).isNotNull();
        assertThat(cost.cpuUsPerRequest()).isNull();
        assertThat(cost.ctxSwitchesPerRequest()).isNull();
        assertThat(cost.rssBytesPerConnection()).isNull();
        assertThat(cost.gcPauses()).isNull();
    }

    /** The load generator's report of a case with {@code requests} over {@code connections}, to add blocks to. */
    private static LoadReport.Builder load(long requests, int connections) {
        return LoadReport.builder()
                .load(CaseLoad.builder()
                        .transport("tcp")
                        .framing("length")
                        .shape("closed")
                        .connections(connections)
                        .payloadBytes(64)
                        .durationSec(1.0)
                        .warmupSec(0.5)
                        .achievedRatePerSec(requests)
                        .requests(requests)
                        .build())
                .latencyUs(new LatencyUs(P, P));
    }

    private static SweepStep step(double ratePerSec, long requests, boolean good) {
        return new SweepStep(
                ratePerSec,
                ratePerSec,
                requests,
                0,
                new LatencyUs(P, P),
                good,
                good ? List.of() : List.of("p99"),
                false);
    }
}
