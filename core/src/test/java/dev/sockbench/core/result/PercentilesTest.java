package dev.sockbench.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A percentile is published only with ten values above it. */
class PercentilesTest {

    @Test
    void eachPercentileNeedsTenValuesAboveIt() {
        assertThat(Percentiles.minSamples(0)).isEqualTo(10);
        assertThat(Percentiles.minSamples(50)).isEqualTo(20);
        assertThat(Percentiles.minSamples(90)).isEqualTo(100);
        assertThat(Percentiles.minSamples(99)).isEqualTo(1_000);
        // 1 - 99.9 / 100 is not exactly 0.001 in binary: still 10,000, not 10,001.
        assertThat(Percentiles.minSamples(99.9)).isEqualTo(10_000);
        assertThat(Percentiles.minSamples(99.99)).isEqualTo(100_000);
    }

    @Test
    void aPercentileWithoutItsSamplesIsNullNotTheMaximumOfAFew() {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(100_000, 999);
        h.recordValue(5_000_000);
        Percentiles thousand = Percentiles.ofNanos(h);
        assertThat(thousand.p99()).isNotNull();
        assertThat(thousand.p999()).as("1,000 values measure no p99.9").isNull();
        assertThat(thousand.max()).isEqualTo(h.highestEquivalentValue(5_000_000) / 1e3);

        h.recordValueWithCount(100_000, 8_999);
        assertThat(Percentiles.ofNanos(h).p999()).as("9,999 values").isNull();
        h.recordValue(100_000);
        assertThat(Percentiles.ofNanos(h).p999()).as("10,000 values").isNotNull();

        Histogram few = new Histogram(3);
        few.recordValueWithCount(100_000, 999);
        assertThat(Percentiles.ofNanos(few).p99()).as("999 values").isNull();
        assertThat(Percentiles.ofNanos(few).p90()).isNotNull();
    }

    @Test
    void anEmptyHistogramHasNoPercentilesAndAZeroMaximum() {
        Percentiles p = Percentiles.ofNanos(new Histogram(3));
        assertThat(p.p50()).isNull();
        assertThat(p.max()).isZero();
    }
}
