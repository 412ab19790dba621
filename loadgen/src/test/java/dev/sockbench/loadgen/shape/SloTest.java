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
}
