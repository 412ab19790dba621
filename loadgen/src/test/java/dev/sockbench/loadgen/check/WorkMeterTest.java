package dev.sockbench.loadgen.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkMeterTest {

    @Test
    void waitsAreClippedToTheMeasuredInterval() {
        WorkMeter meter = new WorkMeter(1_000, 2_000);
        meter.waited(500, 1_100); // 100 inside
        meter.waited(1_500, 1_700); // 200
        meter.waited(1_900, 2_500); // 100 inside
        assertThat(meter.busyPercent(3_000)).isEqualTo(60.0);
    }

    @Test
    void aThreadThatNeverWaitedIsFullyBusyAndOneThatStoppedEarlyIsJudgedOnItsOwnTime() {
        WorkMeter never = new WorkMeter(0, 1_000);
        assertThat(never.busyPercent(1_000)).isEqualTo(100.0);

        WorkMeter early = new WorkMeter(0, 1_000);
        early.waited(0, 100);
        assertThat(early.busyPercent(200)).isEqualTo(50.0);
        assertThat(new WorkMeter(1_000, 2_000).busyPercent(500)).isZero();
    }
}
