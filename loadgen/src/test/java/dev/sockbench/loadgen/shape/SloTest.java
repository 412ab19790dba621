package dev.sockbench.loadgen.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sockbench.loadgen.recording.LatencyRecorder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SloTest {

    @Test
    void parsesAnyPercentileAndDuration() {
        assertThat(Slo.parse("p99=1ms")).isEqualTo(new Slo("p99=1ms", 99.0, 1_000_000));
        assertThat(Slo.parse("p99.9=500us").percentile()).isEqualTo(99.9);
        assertThat(Slo.parse("P50=2s").thresholdNs()).isEqualTo(2_000_000_000L);
        for (String bad : new String[] {"99=1ms", "p99", "p0=1ms", "p101=1ms", "p99=soon", "p99=0ms"}) {
            assertThatThrownBy(() -> Slo.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aHistogramMeetsItWhenThePercentileIsAtOrUnderTheThreshold() {
        Histogram h = LatencyRecorder.newHistogram();
        for (int i = 1; i <= 1_000; i++) {
            h.recordValue(i * 1_000L); // 1 us .. 1 ms
        }
        assertThat(Slo.parse("p99=1ms").metBy(h)).isTrue();
        assertThat(Slo.parse("p99=980us").metBy(h)).isFalse();
        // Percentiles are HdrHistogram's highest equivalent value: 500 us reads as 500.22 us, so
        // an objective is never met by rounding down.
        assertThat(Slo.parse("p50=501us").metBy(h)).isTrue();
        assertThat(Slo.parse("p50=500us").metBy(h)).isFalse();
        assertThat(Slo.parse("p50=400us").metBy(LatencyRecorder.newHistogram())).isFalse();
    }

    @Test
    void aPercentileWithTooFewRequestsBehindItMeetsNoObjective() {
        Histogram h = LatencyRecorder.newHistogram();
        for (int i = 0; i < 999; i++) {
            h.recordValue(1_000); // all 1 us, far under any threshold
        }
        assertThat(Slo.parse("p99=1ms").metBy(h)).as("p99 of 999 requests").isFalse();
        assertThat(Slo.parse("p90=1ms").metBy(h)).isTrue();
        h.recordValue(1_000);
        assertThat(Slo.parse("p99=1ms").metBy(h)).as("p99 of 1,000 requests").isTrue();
        assertThat(Slo.parse("p99.9=1ms").metBy(h)).isFalse();
    }

    @Test
    void aStepMeasuresLongEnoughForThePercentileItJudges() {
        long halfSecondNs = 500_000_000L;
        // p99 needs 1,000 requests, 1,100 with headroom: 20 s at 55/s.
        assertThat(Slo.parse("p99=5ms").stepDurationNs(halfSecondNs, 55)).isEqualTo(20_000_000_000L);
        // At 10,000/s half a second holds 5,000: the configured duration stands.
        assertThat(Slo.parse("p99=5ms").stepDurationNs(halfSecondNs, 10_000)).isEqualTo(halfSecondNs);
        // p90 needs 100 (110): 1.1 s at 100/s.
        assertThat(Slo.parse("p90=5ms").stepDurationNs(halfSecondNs, 100)).isEqualTo(1_100_000_000L);
        // p99.9 at 10/s would take 1,100 s: capped, the step stays not measured.
        assertThat(Slo.parse("p99.9=5ms").stepDurationNs(halfSecondNs, 10)).isEqualTo(Slo.MAX_STEP_NS);
        // A longer configured step is never shortened; the maximum needs a single request.
        assertThat(Slo.parse("p99=5ms").stepDurationNs(60_000_000_000L, 55)).isEqualTo(60_000_000_000L);
        assertThat(Slo.parse("p100=5ms").stepDurationNs(halfSecondNs, 1)).isEqualTo(halfSecondNs);
    }
}
