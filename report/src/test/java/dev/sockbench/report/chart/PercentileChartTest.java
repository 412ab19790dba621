package dev.sockbench.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileChartTest {

    @Test
    void pointsFollowTheHistogramUpToTheLastMeasuredPercentileThenTheMaximum() {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(100_000L, 1_000); // 100 µs
        h.recordValueWithCount(5_000_000L, 10); // 5 ms: the top 10 of 1,010

        List<PercentileChart.Point> points = PercentileChart.points(h);

        assertThat(points.getFirst().percentile()).isZero();
        // HdrHistogram gives 0% as the lowest value equivalent to the minimum, the rest as the highest
        assertThat(points.getFirst().latencyUs()).isCloseTo(99.968, within(1e-9));
        assertThat(at(points, 1.0).latencyUs()).isCloseTo(100.031, within(1e-9));
        // at 99% (two nines) still the body
        assertThat(at(points, 2.0).latencyUs()).isCloseTo(100.031, within(1e-9));
        // 40 points a factor of ten, 0 to 2 nines (81): 99.9% needs 10,000 requests, 1,010 measure up
        // to 99.0099%; then the maximum at 1 - 1/1,010 (99.90099%)
        assertThat(points).hasSize(82);
        assertThat(at(points, 1.0).percentile()).isCloseTo(90.0, within(1e-9));
        assertThat(at(points, 2.0).percentile()).isCloseTo(99.0, within(1e-9));
        assertThat(points.stream().filter(p -> Math.abs(p.nines() - 2.5) < 1e-9))
                .isEmpty();
        assertThat(points.get(1).nines()).isCloseTo(0.025, within(1e-12));
        PercentileChart.Point last = points.getLast();
        assertThat(last.percentile()).isCloseTo(99.900_990_099, within(1e-9));
        assertThat(last.nines()).isCloseTo(3.004_321_373_8, within(1e-9));
        assertThat(last.latencyUs()).isCloseTo(5_001.215, within(1e-9));
        assertThat(points).isSortedAccordingTo((a, b) -> Double.compare(a.nines(), b.nines()));
    }

    @Test
    void anEmptyHistogramHasNoPoints() {
        assertThat(PercentileChart.points(new Histogram(3))).isEmpty();
    }

    @Test
    void xAxisLabelsNameThePercentileOfEachNine() {
        assertThat(PercentileChart.PercentileFormat.label(0)).isEqualTo("0%");
        assertThat(PercentileChart.PercentileFormat.label(1)).isEqualTo("90%");
        assertThat(PercentileChart.PercentileFormat.label(2)).isEqualTo("99%");
        assertThat(PercentileChart.PercentileFormat.label(3)).isEqualTo("99.9%");
        assertThat(PercentileChart.PercentileFormat.label(5)).isEqualTo("99.999%");
        assertThat(PercentileChart.PercentileFormat.label(2.5)).isEmpty();
    }

    @Test
    void latencyAxisLabelsRoundValuesFineEnoughForNarrowRanges() {
        assertThat(LatencyAxis.roundValues(8, 6_000, new double[] {1, 2, 5}))
                .containsExactly(10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1_000.0, 2_000.0, 5_000.0);
        assertThat(LatencyAxis.roundValues(0.08, 0.6, new double[] {1, 2, 5})).containsExactly(0.1, 0.2, 0.5);
    }

    private static PercentileChart.Point at(List<PercentileChart.Point> points, double nines) {
        return points.stream()
                .filter(p -> Math.abs(p.nines() - nines) < 1e-9)
                .findFirst()
                .orElseThrow();
    }
}
