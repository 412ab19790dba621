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

    /** Headroom over the samples a percentile needs: a step may fall a little short of its rate. */
    static final double SAMPLE_HEADROOM = 1.1;

    /** The longest a step measures to gather its samples; a slower step stays not measured. */
    public static final long MAX_STEP_NS = 30_000_000_000L;

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

    /**
     * How long a step at {@code ratePerSec} measures: {@code configuredNs}, or longer when that
     * gives too few requests for the objective's percentile ({@link Percentiles#minSamples}, with
     * 10% headroom), at most {@link #MAX_STEP_NS}. A capacity search steps down to low rates,
     * where a short step could never judge a p99 (at 50/s, 1,000 requests take 20 s).
     */
    public long stepDurationNs(long configuredNs, double ratePerSec) {
        if (percentile >= 100) {
            return configuredNs; // the maximum needs one request
        }
        double neededNs = Percentiles.minSamples(percentile) * SAMPLE_HEADROOM / ratePerSec * 1e9;
        return Math.max(configuredNs, (long) Math.min(Math.ceil(neededNs), MAX_STEP_NS));
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
