package dev.sockbench.loadgen.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScheduleLagTest {

    @Test
    void onTimeSendsHaveNoLagAndALateOneIsChargedItsLateness() {
        ScheduleLag lag = new ScheduleLag();
        assertThat(lag.onSend(100, 100, 100)).isZero();
        assertThat(lag.onSend(200, 200, 230)).isEqualTo(30);
        // Held while its connection was full: due only at 400 (the echo), left at 410.
        assertThat(lag.onSend(300, 400, 410)).isEqualTo(10);
    }

    @Test
    void aHoldIsSharedByEveryRequestDueDuringIt() {
        ScheduleLag lag = new ScheduleLag();
        // The generator stalls from 1,000 to 5,000; requests are due every 1,000.
        assertThat(lag.onSend(1_000, 1_000, 5_000)).isEqualTo(4_000);
        // The next ones leave with catch-up spacing (due 5,500, 6,000, ...), each on time, but
        // each was waiting during the stall from its own intended time.
        assertThat(lag.onSend(2_000, 5_500, 5_500)).isEqualTo(3_000);
        assertThat(lag.onSend(3_000, 6_000, 6_001)).isEqualTo(2_001);
        assertThat(lag.onSend(4_000, 6_500, 6_500)).isEqualTo(1_001);
        assertThat(lag.onSend(5_000, 7_000, 7_000)).isEqualTo(1);
        assertThat(lag.onSend(6_000, 7_500, 7_500)).isEqualTo(1);
        // Intended after every hold: nothing is carried over.
        assertThat(lag.onSend(7_000, 8_000, 8_000)).isZero();
    }

    @Test
    void aLongBacklogKeepsItsWholeHistory() {
        ScheduleLag lag = new ScheduleLag();
        // Many small holds while a backlog drains: the oldest request sees them all.
        long total = 0;
        for (int k = 0; k < 1_000; k++) {
            long due = 10_000 + k * 10L;
            total += 3;
            long charged = lag.onSend(k, due, due + 3);
            // Request k was intended at k: it waited through the holds of every send since.
            assertThat(charged).isEqualTo(total);
        }
    }
}
