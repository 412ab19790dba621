package dev.sockbench.loadgen.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sockbench.loadgen.recording.InFlightQueue;
import dev.sockbench.loadgen.recording.LatencyRecorder;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Coordinated omission, shown with an injected clock: one open-loop connection at 1,000 requests/s
 * against a server that answers in 100 µs but stalls once for 200 ms. The connection cannot send
 * while its request is stuck, exactly as the real worker (depth 1): the pacer, in-flight queue and
 * recorder here are the real ones, only the network and the server are simulated.
 */
class OpenLoopStallTest {
    static final long MS = 1_000_000;
    static final long US = 1_000;
    static final double RATE_PER_SEC = 1_000;
    static final long SERVICE_NS = 100 * US;
    static final long STALL_FROM_NS = 100 * MS;
    static final long STALL_UNTIL_NS = 300 * MS;
    static final long RUN_NS = 1_000 * MS;

    /** When a stalled party resumes: {@code t}, or the end of the stall when {@code t} falls in it. */
    static long afterStall(long t) {
        return t >= STALL_FROM_NS && t < STALL_UNTIL_NS ? STALL_UNTIL_NS : t;
    }

    record Simulation(
            Histogram corrected, Histogram raw, Histogram lag, List<Long> sendTimesNs, List<Long> intendedNs) {}

    /** The server stalls: a request reaching it during the stall is answered after it. */
    static Simulation simulate() {
        return simulate(false);
    }

    /**
     * @param generatorStalls true: the server is healthy but the generator stalls (descheduled, a
     *     GC pause) and cannot send during the stall; false: the server stalls
     */
    static Simulation simulate(boolean generatorStalls) {
        FakeClock clock = new FakeClock(0);
        Pacer pacer = new Pacer(new ConstantFireTimes(0, RATE_PER_SEC), RATE_PER_SEC);
        InFlightQueue inFlight = new InFlightQueue(1);
        LatencyRecorder recorder = new LatencyRecorder();
        Histogram lag = LatencyRecorder.newHistogram();
        ScheduleLag scheduleLag = new ScheduleLag();
        List<Long> sends = new ArrayList<>();
        List<Long> intended = new ArrayList<>();
        long echoAtNs = 0;
        while (true) {
            if (inFlight.isEmpty()) {
                if (pacer.intendedNs() >= RUN_NS) {
                    break;
                }
                // The connection has room: its next send is due when the pacer allows it.
                long dueNs = Math.max(clock.nanoTime(), pacer.sendTimeNs(clock.nanoTime()));
                clock.advanceTo(dueNs);
                if (generatorStalls) {
                    // The generator does not run until the stall ends.
                    clock.advanceTo(afterStall(clock.nanoTime()));
                }
                long sentNs = clock.nanoTime();
                long intendedNs = pacer.take(sentNs);
                lag.recordValue(scheduleLag.onSend(intendedNs, dueNs, sentNs));
                inFlight.add(intendedNs, sentNs);
                sends.add(sentNs);
                intended.add(intendedNs);
                echoAtNs = (generatorStalls ? sentNs : afterStall(sentNs)) + SERVICE_NS;
            } else {
                clock.advanceTo(echoAtNs);
                recorder.record(inFlight.headIntendedNs(), inFlight.headSentNs(), clock.nanoTime());
                inFlight.removeHead();
            }
        }
        LatencyRecorder.Interval recorded = recorder.take(null);
        return new Simulation(recorded.corrected(), recorded.raw(), lag, sends, intended);
    }

    @Test
    void correctedHistogramCarriesTheStallThatRawUnderReports() {
        Simulation sim = simulate();
        Histogram corrected = sim.corrected();
        Histogram raw = sim.raw();

        // Every scheduled request was sent and recorded, in both views.
        assertThat(corrected.getTotalCount()).isEqualTo(1_000);
        assertThat(raw.getTotalCount()).isEqualTo(1_000);

        // Raw: one request saw the stall; the 999 others look like a healthy 100 µs server.
        assertThat(raw.getValueAtPercentile(99.0)).isLessThanOrEqualTo(SERVICE_NS + SERVICE_NS / 100);
        assertThat(raw.getCountBetweenValues(1 * MS, Long.MAX_VALUE / 4)).isEqualTo(1);
        assertThat(raw.getMaxValue()).isGreaterThanOrEqualTo(STALL_UNTIL_NS - STALL_FROM_NS);

        // Corrected: every request due during the stall (and the catch-up after it) waited.
        // Requests due at 100..300 ms waited until ~300 ms: up to 200 ms, ~100 ms on average.
        assertThat(corrected.getMaxValue()).isGreaterThanOrEqualTo(199 * MS);
        assertThat(corrected.getCountBetweenValues(100 * MS, Long.MAX_VALUE / 4))
                .isGreaterThanOrEqualTo(100);
        assertThat(corrected.getValueAtPercentile(90.0)).isGreaterThanOrEqualTo(50 * MS);
        assertThat(corrected.getValueAtPercentile(99.0)).isGreaterThanOrEqualTo(180 * MS);
        assertThat(corrected.getMean()).isGreaterThan(100 * raw.getMean() / 10);
    }

    @Test
    void catchUpAfterTheStallIsBoundedAtTwiceTheRateAndRejoinsTheSchedule() {
        Simulation sim = simulate();
        List<Long> sends = sim.sendTimesNs();
        long minGapNs = Math.round(1e9 / (RATE_PER_SEC * Pacer.CATCH_UP_FACTOR));

        // No burst: a send that is late (catching up) leaves at least 1 / (2 x rate) after the
        // previous one; only sends on their intended time follow the schedule itself.
        int lateSends = 0;
        for (int i = 1; i < sends.size(); i++) {
            if (sends.get(i) > sim.intendedNs().get(i)) {
                lateSends++;
                long gap = sends.get(i) - sends.get(i - 1);
                assertThat(gap).as("gap before late send %d", i).isGreaterThanOrEqualTo(minGapNs);
            }
        }
        assertThat(lateSends).isGreaterThan(300);
        int afterStall = 0;
        for (long t : sends) {
            if (t >= STALL_UNTIL_NS && t < STALL_UNTIL_NS + 100 * MS) {
                afterStall++;
            }
        }
        // 100 ms after the stall at up to twice the rate: at most 200 sends, and indeed catching up.
        assertThat(afterStall).isBetween(150, 201);

        // The backlog of ~200 requests drains at the net rate (2x - 1x): caught up ~200 ms later,
        // then every request leaves exactly on its intended time again.
        for (int i = 0; i < sends.size(); i++) {
            long intended = sim.intendedNs().get(i);
            if (intended >= 600 * MS) {
                assertThat(sends.get(i))
                        .as("request intended at %d ns", intended)
                        .isEqualTo(intended);
            }
        }
    }

    @Test
    void aServerStallIsNotChargedToTheGeneratorsLag() {
        // The connection was full during the stall and every send left when allowed: no lag.
        Histogram lag = simulate(false).lag();
        assertThat(lag.getTotalCount()).isEqualTo(1_000);
        assertThat(lag.getMaxValue()).isZero();
    }

    @Test
    void aGeneratorStallIsChargedToTheGeneratorRequestByRequest() {
        Simulation sim = simulate(true);
        Histogram lag = sim.lag();
        // Each request due during the stall is charged its own share of it, the first the whole
        // 200 ms, one due at 250 ms the last 50 ms: the lag carries the stall as the corrected
        // latency does, minus the catch-up spacing and the echoes it waited for.
        assertThat(lag.getMaxValue()).isGreaterThanOrEqualTo(199 * MS);
        for (int i = 0; i < sim.intendedNs().size(); i++) {
            long intended = sim.intendedNs().get(i);
            if (intended >= STALL_FROM_NS && intended < STALL_UNTIL_NS) {
                assertThat(sim.sendTimesNs().get(i) - intended).isGreaterThanOrEqualTo(STALL_UNTIL_NS - intended);
            }
        }
        assertThat(lag.getCountBetweenValues(1 * MS, Long.MAX_VALUE / 4)).isBetween(190L, 200L);
        assertThat(lag.getValueAtPercentile(99))
                .isGreaterThan(dev.sockbench.loadgen.check.SelfCheck.lagBoundNs(
                        sim.corrected().getValueAtPercentile(99)));
        // The server was healthy: raw latency never saw the stall.
        assertThat(sim.raw().getMaxValue()).isLessThanOrEqualTo(sim.raw().highestEquivalentValue(SERVICE_NS));
    }
}
