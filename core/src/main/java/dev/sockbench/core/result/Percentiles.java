package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.AbstractHistogram;

/**
 * A latency distribution summed up in microseconds. Values are HdrHistogram's
 * {@code getValueAtPercentile} (the highest value equivalent to the recorded one, so never below
 * the true value) converted from the nanoseconds the histograms hold.
 *
 * <p><b>A percentile needs its samples.</b> The p-th percentile is published only when at least
 * {@link #minSamples(double)} values were recorded — {@code 10 / (1 - p/100)}, so that at least
 * ten values lie above it: p50 needs 20, p90 100, p99 1,000, p99.9 10,000. With fewer, the field
 * is null ("not measured") rather than a number that is in truth the maximum of a few values.
 * The maximum and the mean are always shown.
 *
 * @param p50 median, µs; null when not measured
 * @param p90 90th percentile, µs; null when not measured
 * @param p99 99th percentile, µs; null when fewer than 1,000 values
 * @param p999 99.9th percentile, µs; null when fewer than 10,000 values
 * @param max largest recorded value, µs
 * @param mean arithmetic mean, µs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Percentiles(Double p50, Double p90, Double p99, Double p999, double max, double mean) {
    /** The percentiles a summary carries, besides the maximum. */
    public static final List<Double> PUBLISHED = List.of(50.0, 90.0, 99.0, 99.9);

    private static final double NS_PER_US = 1_000.0;
    /** Values a percentile needs above it to be published. */
    private static final double VALUES_ABOVE = 10.0;

    /** Values a histogram must hold for its {@code percentile} to be published (see the class comment). */
    public static long minSamples(double percentile) {
        if (!(percentile >= 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100), got " + percentile);
        }
        // Rounded before the ceiling: 1 - 99.9 / 100 is not exactly 0.001 in binary.
        double exact = VALUES_ABOVE / (1 - percentile / 100);
        return (long) Math.ceil(Math.round(exact * 1e6) / 1e6);
    }

    /** True when {@code count} values are enough for {@code percentile}; always for the maximum (100). */
    public static boolean measurable(long count, double percentile) {
        return count > 0 && (percentile >= 100 || count >= minSamples(percentile));
    }

    /**
     * Sums up a histogram of nanosecond values; percentiles without enough values are null, and an
     * empty histogram gives a zero maximum and mean.
     */
    public static Percentiles ofNanos(AbstractHistogram histogramNs) {
        long count = histogramNs.getTotalCount();
        if (count == 0) {
            return new Percentiles(null, null, null, null, 0, 0);
        }
        return new Percentiles(
                at(histogramNs, count, 50.0),
                at(histogramNs, count, 90.0),
                at(histogramNs, count, 99.0),
                at(histogramNs, count, 99.9),
                histogramNs.getMaxValue() / NS_PER_US,
                histogramNs.getMean() / NS_PER_US);
    }

    private static Double at(AbstractHistogram histogramNs, long count, double percentile) {
        return measurable(count, percentile) ? histogramNs.getValueAtPercentile(percentile) / NS_PER_US : null;
    }

    /** The value at {@code percentile} (50, 90, 99, 99.9, or 100 for the maximum), µs; null when not measured or not carried. */
    public Double at(double percentile) {
        if (percentile == 50.0) {
            return p50;
        }
        if (percentile == 90.0) {
            return p90;
        }
        if (percentile == 99.0) {
            return p99;
        }
        if (percentile == 99.9) {
            return p999;
        }
        if (percentile == 100.0) {
            return max;
        }
        return null;
    }

    /** True when {@code percentile} is one a summary carries: 50, 90, 99, 99.9 or 100. */
    public static boolean carried(double percentile) {
        return percentile == 100.0 || PUBLISHED.contains(percentile);
    }

    /** How a percentile is written: {@code p50}, {@code p99.9}, {@code max} for 100. */
    public static String label(double percentile) {
        if (percentile == 100.0) {
            return "max";
        }
        String digits = String.format(Locale.ROOT, "%.4f", percentile)
                .replaceAll("0+$", "")
                .replaceAll("\\.$", "");
        return "p" + digits;
    }
}
