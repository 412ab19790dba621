package dev.sockbench.report.cases;

import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.SweepResult;
import java.util.Locale;

/**
 * Reading a sweep: which latency its objective bounds. A summary carries p50, p90, p99, p99.9 and
 * the maximum; an objective on another percentile (say p95) is shown against p99, and says so.
 */
public final class Sweeps {
    private static final double DEFAULT_PERCENTILE = 99.0;

    private Sweeps() {}

    /** The percentile to show a sweep's steps at: its objective's when carried, else 99. */
    public static double shownPercentile(SweepResult sweep) {
        return latencyAt(new Percentiles(0, 0, 0, 0, 0, 0), sweep.sloPercentile()) != null
                ? sweep.sloPercentile()
                : DEFAULT_PERCENTILE;
    }

    /** The latency at {@code percentile} (50, 90, 99, 99.9 or 100), µs; null for any other. */
    public static Double latencyAt(Percentiles p, double percentile) {
        if (percentile == 50.0) {
            return p.p50();
        }
        if (percentile == 90.0) {
            return p.p90();
        }
        if (percentile == 99.0) {
            return p.p99();
        }
        if (percentile == 99.9) {
            return p.p999();
        }
        if (percentile == 100.0) {
            return p.max();
        }
        return null;
    }

    /** {@code p99}, {@code p99.9}, {@code max}. */
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
