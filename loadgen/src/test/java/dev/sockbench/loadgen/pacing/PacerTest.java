package dev.sockbench.loadgen.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
    static final long MS = 1_000_000;

    @Test
    void onScheduleEveryRequestLeavesAtItsIntendedTimeAndTheRateIsHeld() {
        FakeClock clock = new FakeClock(5 * MS);
        double rate = 3_000; // 333,333.33 ns apart: rounding must not drift
        Pacer pacer = new Pacer(new ConstantFireTimes(clock.nanoTime(), rate), rate, Pacer.NO_CATCH_UP);
        int sent = 0;
        while (true) {
            long at = pacer.sendTimeNs(clock.nanoTime());
            if (at >= 5 * MS + 10_000 * MS) {
                break;
            }
            assertThat(at).isEqualTo(pacer.intendedNs());
            clock.advanceTo(at);
            pacer.take(clock.nanoTime());
            sent++;
        }
        // 10 s at 3,000/s: exactly 30,000 sends, no drift.
        assertThat(sent).isEqualTo(30_000);
    }

    @Test
    void constantFireTimesAreComputedFromTheirIndexSoNothingAccumulates() {
        ConstantFireTimes times = new ConstantFireTimes(100, 3.0);
        long last = 0;
        for (int i = 0; i < 3_000_001; i++) {
            last = times.nextFireTimeNs();
        }
        assertThat(last).isEqualTo(100 + 1_000_000L * 1_000_000_000L);
    }

    @Test
    void byDefaultABacklogLeavesAsSoonAsTheConnectionCanTakeIt() {
        Pacer pacer = new Pacer(new ConstantFireTimes(0, 1_000), 1_000, Pacer.NO_CATCH_UP);
        pacer.take(0);
        long now = 50 * MS; // 49 requests overdue
        for (int k = 1; k < 50; k++) {
            assertThat(pacer.sendTimeNs(now)).isEqualTo(now);
            assertThat(pacer.take(now)).isEqualTo(k * MS);
            now += 1_000; // the connection frees room 1 us later
        }
        // The one intended at 50 ms is due too; then the schedule is ahead again and kept.
        assertThat(pacer.sendTimeNs(now)).isEqualTo(now);
        assertThat(pacer.take(now)).isEqualTo(50 * MS);
        assertThat(pacer.sendTimeNs(now)).isEqualTo(51 * MS);
    }

    @Test
    void poissonGapsShorterThanTheCatchUpIntervalAreNeverStretched() {
        // The defect of issue 8: sends on time were treated as catching up, so every Poisson gap
        // shorter than 1 / (2 rate) was stretched. On time, a send leaves on its time whatever the
        // bound, and a request processed a few us late is not "behind".
        for (double catchUp : new double[] {Pacer.NO_CATCH_UP, 2.0}) {
            double rate = 1_000;
            Pacer pacer = new Pacer(new PoissonFireTimes(0, rate, 7), rate, catchUp);
            long shortGaps = 0;
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < 10_000; i++) {
                long intended = pacer.intendedNs();
                // The loop reaches each send 3 us after its time.
                assertThat(pacer.sendTimeNs(intended + 3_000))
                        .as("catch-up %s", catchUp)
                        .isEqualTo(intended + 3_000);
                if (intended - previous < MS / 2) {
                    shortGaps++;
                }
                previous = intended;
                pacer.take(intended + 3_000);
            }
            // P(gap < 1 / (2 rate)) = 1 - e^(-1/2) = 39%: thousands of sends the old pacer delayed.
            assertThat(shortGaps).isGreaterThan(3_500);
        }
    }

    @Test
    void withTheWrk2BoundBehindItSendsAtOnceThenNoFasterThanTheCatchUpRate() {
        FakeClock clock = new FakeClock(0);
        Pacer pacer = new Pacer(new ConstantFireTimes(0, 1_000), 1_000, 2.0);
        pacer.take(0);
        clock.advanceTo(50 * MS); // 49 requests overdue
        assertThat(pacer.intendedNs()).isLessThan(clock.nanoTime());
        assertThat(pacer.sendTimeNs(clock.nanoTime())).isEqualTo(50 * MS);
        assertThat(pacer.take(clock.nanoTime())).isEqualTo(1 * MS);
        assertThat(pacer.sendTimeNs(clock.nanoTime())).isEqualTo(50 * MS + MS / 2);
        clock.advanceTo(50 * MS + MS / 2);
        assertThat(pacer.take(clock.nanoTime())).isEqualTo(2 * MS);
    }

    @Test
    void catchUpNeverSendsARequestBeforeItsIntendedTime() {
        Pacer pacer = new Pacer(new ConstantFireTimes(0, 1_000), 1_000, 2.0);
        long now = 0;
        for (int i = 0; i < 2_000; i++) {
            // An erratic connection: sometimes stuck for a while, then free again.
            now += (i % 97 == 0) ? 30 * MS : 10_000;
            long at = pacer.sendTimeNs(now);
            now = Math.max(now, at);
            long intended = pacer.intendedNs();
            assertThat(now).isGreaterThanOrEqualTo(intended);
            pacer.take(now);
        }
    }

    @Test
    void poissonFireTimesHaveTheAskedMeanRateAndExponentialGaps() {
        double rate = 10_000;
        PoissonFireTimes times = new PoissonFireTimes(0, rate, 42);
        int n = 200_000;
        long previous = 0;
        long gapsBelowMean = 0;
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = times.nextFireTimeNs();
            if (last - previous < 1e9 / rate) {
                gapsBelowMean++;
            }
            previous = last;
        }
        // Mean gap 100 us within 1% over 200,000 gaps (sd of the mean: 0.22%).
        assertThat(last / (double) n).isBetween(99_000.0, 101_000.0);
        // Exponential: P(gap < mean) = 1 - 1/e = 0.632.
        assertThat(gapsBelowMean / (double) n).isBetween(0.625, 0.639);
    }

    @Test
    void constantArrivalsAreStaggeredSoConnectionsTogetherSendEvenly() {
        int connections = 4;
        double total = 4_000; // 250 us apart overall
        long[] next = new long[connections];
        FireTimeSequence[] seqs = new FireTimeSequence[connections];
        for (int i = 0; i < connections; i++) {
            seqs[i] = Arrival.CONSTANT.sequence(0, total, i, connections, 1);
            next[i] = seqs[i].nextFireTimeNs();
        }
        long previous = -250_000;
        for (int k = 0; k < 1_000; k++) {
            int earliest = 0;
            for (int i = 1; i < connections; i++) {
                if (next[i] < next[earliest]) {
                    earliest = i;
                }
            }
            assertThat(next[earliest] - previous).isEqualTo(250_000);
            previous = next[earliest];
            next[earliest] = seqs[earliest].nextFireTimeNs();
        }
    }

    @Test
    void skippingToTheMeasuredIntervalDropsTheWarmUpBacklogAndKeepsTheSchedule() {
        Pacer pacer = new Pacer(new ConstantFireTimes(0, 1_000), 1_000, Pacer.NO_CATCH_UP);
        pacer.take(0);
        // Far behind at the start of the measured interval (5 ms): resume on the 5 ms slot.
        assertThat(pacer.skipTo(5 * MS)).isEqualTo(4);
        assertThat(pacer.intendedNs()).isEqualTo(5 * MS);
        assertThat(pacer.skipTo(5 * MS)).isZero();
    }
}
