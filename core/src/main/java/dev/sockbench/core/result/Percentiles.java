package dev.sockbench.core.result;

import org.HdrHistogram.AbstractHistogram;

/**
 * A latency distribution summed up in microseconds. Values are HdrHistogram's
 * {@code getValueAtPercentile} (the highest value equivalent to the recorded one, so never below
 * the true value) converted from the nanoseconds the histograms hold.
 *
 * @param p50 median, µs
 * @param p90 90th percentile, µs
 * @param p99 99th percentile, µs
 * @param p999 99.9th percentile, µs
 * @param max largest recorded value, µs
 * @param mean arithmetic mean, µs
 */
public record Percentiles(double p50, double p90, double p99, double p999, double max, double mean) {
    private static final double NS_PER_US = 1_000.0;

    /** Sums up a histogram of nanosecond values; an empty histogram gives all zeros. */
    public static Percentiles ofNanos(AbstractHistogram histogramNs) {
        if (histogramNs.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(
                histogramNs.getValueAtPercentile(50.0) / NS_PER_US,
                histogramNs.getValueAtPercentile(90.0) / NS_PER_US,
                histogramNs.getValueAtPercentile(99.0) / NS_PER_US,
                histogramNs.getValueAtPercentile(99.9) / NS_PER_US,
                histogramNs.getMaxValue() / NS_PER_US,
                histogramNs.getMean() / NS_PER_US);
    }
}
