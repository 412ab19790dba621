package dev.sockbench.loadgen.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.core.protocol.Framing;
import dev.sockbench.core.result.DatagramCounts;
import dev.sockbench.core.result.ErrorCounts;
import dev.sockbench.core.result.IdleConnections;
import dev.sockbench.core.result.RequestAccounting;
import dev.sockbench.core.transport.Endpoint;
import dev.sockbench.loadgen.client.ClientOptions;
import dev.sockbench.loadgen.engine.Ending;
import dev.sockbench.loadgen.engine.LoadPlan;
import dev.sockbench.loadgen.engine.LoadResult;
import dev.sockbench.loadgen.engine.Mode;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The self-check on measured numbers the test chooses: each reason fires exactly when it should. */
class SelfCheckTest {
    static final LoadPlan PLAN = new LoadPlan(
            Mode.PACED,
            new ClientOptions(Endpoint.parse("tcp://127.0.0.1:1"), Framing.LENGTH, 64, 1, 1, 1_000_000_000L, null),
            1,
            1,
            1_000,
            Arrival.CONSTANT,
            0,
            0,
            1_000_000_000L,
            1,
            0);

    /** A healthy run: 1,000 requests in 1 s at 100 us, lag 5 us, a worker busy 40%. */
    static Builder healthy() {
        return new Builder();
    }

    static final class Builder {
        long requests = 1_000;
        long latencyNs = 100_000;
        long lagNs = 5_000;
        double busy = 40;
        ErrorCounts errors = ErrorCounts.NONE;
        IdleConnections idle = null;
        DatagramCounts datagrams = null;
        Ending ending = Ending.COMPLETE;
        long connectionsLost = 0;
        long unsent = 0;
        long stealNs = CpuMeter.UNKNOWN;
        /** {@code slowCount} requests whose lag is this (0: none) and latency {@code latencyMaxNs}, beside the others. */
        long lagMaxNs = 0;

        long latencyMaxNs = 0;
        int slowCount = 1;

        LoadResult build() {
            Histogram corrected = LatencyRecorder.newHistogram();
            Histogram raw = LatencyRecorder.newHistogram();
            Histogram lag = LatencyRecorder.newHistogram();
            for (long i = 0; i < requests; i++) {
                corrected.recordValue(latencyNs);
                raw.recordValue(latencyNs);
                lag.recordValue(lagNs);
            }
            if (lagMaxNs > 0) {
                lag.recordValueWithCount(lagMaxNs, slowCount);
                corrected.recordValueWithCount(latencyMaxNs, slowCount);
            }
            return new LoadResult(
                    PLAN,
                    corrected,
                    raw,
                    lag,
                    LatencyRecorder.newHistogram(),
                    errors,
                    datagrams,
                    new RequestAccounting(requests + unsent, requests, 0, 0, 0, unsent),
                    requests,
                    1.0,
                    10_000_000,
                    stealNs,
                    busy,
                    idle,
                    connectionsLost,
                    ending,
                    null);
        }
    }

    @Test
    void aHealthyRunIsValid() {
        assertThat(SelfCheck.reasons(healthy().build(), 1_000.0)).isEmpty();
        assertThat(SelfCheck.generatorLimited(healthy().build())).isFalse();
    }

    @Test
    void aLagReasonSaysHowMuchTheHostStoleFromTheGeneratorsCpus() {
        Builder b = healthy();
        b.lagNs = 80_000; // over the 50 us floor at every percentile
        assertThat(SelfCheck.reasons(b.build(), 1_000.0))
                .singleElement()
                .asString()
                .startsWith("send lag p50 80")
                .doesNotContain("steal");
        b.stealNs = 0;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0))
                .singleElement()
                .asString()
                .doesNotContain("steal");
        b.stealNs = 40_000_000;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0))
                .singleElement()
                .asString()
                .endsWith("(its CPUs' steal time in the interval: 40 ms; the host ran other work on them)");
        // Steal alone is no reason: a lag within its bound stays valid.
        b.lagNs = 5_000;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0)).isEmpty();
    }

    @Test
    void achievedBelowNinetyNinePercentOfTargetIsInvalid() {
        Builder b = healthy();
        b.requests = 989;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0))
                .singleElement()
                .asString()
                .startsWith("achieved 989.0/s");
        b.requests = 990;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0)).isEmpty();
        // Closed shapes have no target.
        b.requests = 5;
        assertThat(SelfCheck.reasons(b.build(), null)).isEmpty();
    }

    @Test
    void anyErrorIsInvalid() {
        Builder b = healthy();
        b.errors = new ErrorCounts(0, 1, 0, 0, 2);
        assertThat(SelfCheck.reasons(b.build(), 1_000.0))
                .containsExactly("3 errors (connect 0, read 1, write 0, timeout 0, verify 2)");
    }

    @Test
    void sendLagOverTheBoundIsInvalid() {
        // p99 100 us: the bound is the 50 us floor.
        Builder b = healthy();
        b.lagNs = 60_000;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0))
                .singleElement()
                .asString()
                .contains("send lag p50 60.0 us")
                .contains("bound 50.0 us");
        assertThat(SelfCheck.generatorLimited(b.build())).isTrue();
        // At 10 ms p99 the bound is 1 ms: 600 us of lag is noise there.
        b.latencyNs = 10_000_000;
        b.lagNs = 600_000;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0)).isEmpty();
        assertThat(SelfCheck.lagBoundNs(10_000_000)).isEqualTo(1_000_000);
        assertThat(SelfCheck.lagBoundNs(100_000)).isEqualTo(SelfCheck.LAG_FLOOR_NS);
    }

    @Test
    void sendLagIsCheckedAtEveryPercentileWithEnoughSamplesAndNotAtTheMaximum() {
        // One 2 ms generator stall in 1,000 requests sets the maximum (2.1 ms corrected): published
        // beside the latency maximum, but one request does not make the case invalid.
        Builder b = healthy();
        b.lagMaxNs = 2_000_000;
        b.latencyMaxNs = 2_100_000;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0)).isEmpty();

        // 30 requests lagging 300 us, above p99 but not above p99.9: with 20,000 requests p99.9 is
        // published, and checked; with 9,000 it is not published, so not checked.
        Builder many = healthy();
        many.requests = 20_000;
        many.slowCount = 30;
        many.lagMaxNs = 300_000;
        many.latencyMaxNs = 100_000;
        assertThat(SelfCheck.reasons(many.build(), null))
                .singleElement()
                .asString()
                .startsWith("send lag p99.9 30")
                .contains("exceeds the bound 50.0 us");
        many.requests = 9_000;
        assertThat(SelfCheck.reasons(many.build(), null)).isEmpty();
        // 100 lagging requests of 9,000 reach p99, which is published and checked.
        many.slowCount = 100;
        assertThat(SelfCheck.reasons(many.build(), null))
                .singleElement()
                .asString()
                .startsWith("send lag p99 30");
    }

    @Test
    void aConnectionLostAtAnyTimeAndRequestsNeverSentAreInvalid() {
        Builder b = healthy();
        b.connectionsLost = 1;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0))
                .containsExactly(
                        "1 of 1 connections lost (closed by the server or failed); the load was not the one asked for");
        Builder unsent = healthy();
        unsent.unsent = 7;
        assertThat(SelfCheck.reasons(unsent.build(), 1_000.0))
                .containsExactly(
                        "7 of 1007 requests of the interval were never sent (connection lost, or full until sending ended)");
    }

    @Test
    void aSaturatedGeneratorIsInvalidAndNamedAsTheLimit() {
        Builder b = healthy();
        b.busy = 97;
        assertThat(SelfCheck.reasons(b.build(), 1_000.0))
                .singleElement()
                .asString()
                .startsWith("generator saturated: its busiest thread was busy 97%");
        assertThat(SelfCheck.generatorLimited(b.build())).isTrue();
    }

    @Test
    void aSaturatedGeneratorLeavesACeilingRunUsableAsTheGeneratorsBound() {
        // The capacity search runs below such a ceiling and marks its capacity as a lower bound.
        Builder b = healthy();
        b.busy = 97;
        assertThat(SelfCheck.saturated(b.build())).isTrue();
        assertThat(SelfCheck.ceilingReasons(b.build())).isEmpty();
        b.busy = 94;
        assertThat(SelfCheck.saturated(b.build())).isFalse();
    }

    @Test
    void noRequestsLostConnectionsAndDroppedIdleConnectionsAreInvalid() {
        Builder none = healthy();
        none.requests = 0;
        assertThat(SelfCheck.reasons(none.build(), null)).contains("no request completed in the measured interval");

        Builder early = healthy();
        early.ending = Ending.ALL_CONNECTIONS_LOST;
        assertThat(SelfCheck.reasons(early.build(), null))
                .singleElement()
                .asString()
                .startsWith("every connection was lost");
        early.ending = Ending.INTERRUPTED;
        assertThat(SelfCheck.reasons(early.build(), null))
                .singleElement()
                .asString()
                .startsWith("interrupted 1.0 s into the measured interval");

        Builder idle = healthy();
        idle.idle = new IdleConnections(100, 100, 97);
        assertThat(SelfCheck.reasons(idle.build(), 1_000.0))
                .containsExactly("the server closed 3 of 100 idle connections");
    }

    @Test
    void datagramLossAboveOnePercentIsInvalidBelowItIsReportedOnly() {
        Builder b = healthy();
        b.datagrams = new DatagramCounts(1_010, 1_000, 10, 0, 0, 0);
        assertThat(SelfCheck.reasons(b.build(), 1_000.0)).isEmpty();
        b.datagrams = new DatagramCounts(1_011, 1_000, 11, 0, 0, 0);
        assertThat(SelfCheck.reasons(b.build(), 1_000.0))
                .containsExactly("11 of 1011 datagrams lost (1.1%, more than 1%)");
    }

    @Test
    void aCeilingRunIsNotFailedByDatagramLossButByEverythingElse() {
        Builder lossy = healthy();
        lossy.datagrams = new DatagramCounts(1_000, 900, 100, 0, 0, 0);
        assertThat(SelfCheck.reasons(lossy.build(), null))
                .singleElement()
                .asString()
                .contains("datagrams lost");
        assertThat(SelfCheck.ceilingReasons(lossy.build())).isEmpty();

        Builder failing = healthy();
        failing.errors = new ErrorCounts(0, 0, 0, 2, 0);
        assertThat(SelfCheck.ceilingReasons(failing.build()))
                .singleElement()
                .asString()
                .startsWith("2 errors");
    }
}
