package dev.sockbench.loadgen.shape;

import dev.sockbench.core.cli.Units;
import dev.sockbench.core.result.Percentiles;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.AbstractHistogram;

/**
 * A latency objective: a percentile of the corrected latency must not exceed a threshold. Written
 * {@code p99=1ms}, {@code p99.9=500us}, {@code p50=200us} ({@code --slo}).
 *
 * @param text the objective as written
 * @param percentile the percentile, in (0, 100]
 * @param thresholdNs the bound, ns
 */
public record Slo(String text, double percentile, long thresholdNs) {
    private static final Pattern FORM = Pattern.compile("p([0-9]+(?:\\.[0-9]+)?)=(.+)");

    public Slo {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        if (thresholdNs <= 0) {
            throw new IllegalArgumentException("threshold must be > 0");
        }
    }

    /** @throws IllegalArgumentException naming the accepted form */
    public static Slo parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "malformed objective '" + text + "'; expected pPERCENTILE=DURATION, e.g. p99=1ms");
        }
        double percentile = Double.parseDouble(m.group(1));
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile " + m.group(1) + " in '" + text + "' is not in (0, 100]");
        }
        long thresholdNs = Units.parseDurationNs(m.group(2));
        if (thresholdNs <= 0) {
            throw new IllegalArgumentException("threshold in '" + text + "' must be > 0");
        }
        return new Slo(text.trim(), percentile, thresholdNs);
    }

    /** The percentile's value in a histogram of nanoseconds. */
    public long valueNs(AbstractHistogram histogramNs) {
        return histogramNs.getValueAtPercentile(percentile);
    }

    /**
     * True when the histogram meets the objective; one with too few values to measure the
     * percentile ({@link Percentiles#measurable}) does not: an objective is never judged on a
     * percentile that is in truth the maximum of a handful of requests.
     */
    public boolean metBy(AbstractHistogram histogramNs) {
        return Percentiles.measurable(histogramNs.getTotalCount(), percentile) && valueNs(histogramNs) <= thresholdNs;
    }
}
