package dev.sockbench.report.cases;

import dev.sockbench.core.result.SweepResult;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the report prints numbers for people: grouped thousands, as many decimals as the
 * magnitude deserves, one locale everywhere (a report must read the same on every machine).
 * Absent values print as {@link #NONE}.
 */
public final class Formats {
    /** Printed where a value does not apply or was not measured. */
    public static final String NONE = "–";

    private static final double BYTES_PER_KIB = 1024.0;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private Formats() {}

    /** A latency in µs: {@code 3.45}, {@code 41.2}, {@code 1,005}. */
    public static String micros(Double us) {
        if (us == null) {
            return NONE;
        }
        if (us < 10) {
            return String.format(Locale.ROOT, "%.2f", us);
        }
        if (us < 1_000) {
            return String.format(Locale.ROOT, "%.1f", us);
        }
        return String.format(Locale.ROOT, "%,.0f", us);
    }

    /**
     * A capacity search's answer, each number through {@code format}: {@code 12,000}; {@code ≥
     * 12,000} when it is only a lower bound (the closed-loop ceiling was the generator's); {@code <
     * 3,000} when no step held the objective, below the lowest rate tried; else {@code none}.
     */
    public static String capacity(SweepResult sweep, Function<Double, String> format) {
        if (sweep.capacityPerSec() != null) {
            return (sweep.capacityIsLowerBound() ? "≥ " : "") + format.apply(sweep.capacityPerSec());
        }
        return sweep.capacityBelowPerSec() != null ? "< " + format.apply(sweep.capacityBelowPerSec()) : "none";
    }

    /** A rate or other large count: {@code 10,000}. */
    public static String rate(Double perSec) {
        return perSec == null ? NONE : String.format(Locale.ROOT, "%,.0f", perSec);
    }

    /** A count: {@code 10,000}. */
    public static String count(Double value) {
        return value == null ? NONE : integer(value.longValue());
    }

    /** A percentage with one decimal: {@code 61.5}. */
    public static String percent(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A share as a whole percentage: 0.834 is {@code 83}; {@code 0.4} for shares under 1%. */
    public static String share(Double fraction) {
        if (fraction == null) {
            return NONE;
        }
        double percent = fraction * 100;
        return percent < 1 ? String.format(Locale.ROOT, "%.1f", percent) : String.format(Locale.ROOT, "%,.0f", percent);
    }

    public static String integer(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A small ratio such as context switches per request: {@code 1.52}. */
    public static String ratio(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,.2f", value);
    }

    /** Bytes as MiB with one decimal: {@code 50.0}. */
    public static String mebibytes(Double bytes) {
        return bytes == null ? NONE : String.format(Locale.ROOT, "%,.1f", bytes / BYTES_PER_MIB);
    }

    /** Bytes as KiB with one decimal: {@code 16.0}. */
    public static String kibibytes(Double bytes) {
        return bytes == null ? NONE : String.format(Locale.ROOT, "%,.1f", bytes / BYTES_PER_KIB);
    }
}
