package dev.sockbench.report.compare;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.report.cases.Formats;
import java.util.function.Function;

/**
 * What {@code compare} checks in each case, each with the direction that is worse: latency and
 * cost up, rate and capacity down. A metric a case lacks (no capacity outside sweeps, a
 * percentile without enough samples, a server whose cost was not measured) is not compared.
 */
public enum Metric {
    /** A sweep's capacity within its objective. */
    CAPACITY(
            "capacity",
            "req/s",
            Direction.BIGGER_IS_BETTER,
            Formats::rate,
            s -> s.sweep() == null ? null : s.sweep().capacityPerSec()),
    /** Echoes received per second; a sweep's is its capacity step's, so sweeps are judged by capacity. */
    RATE(
            "rate",
            "req/s",
            Direction.BIGGER_IS_BETTER,
            Formats::rate,
            s -> s.sweep() != null ? null : s.load().achievedRatePerSec()),
    P50("p50", "µs", Direction.SMALLER_IS_BETTER, Formats::micros, s -> corrected(s)
            .p50()),
    P99("p99", "µs", Direction.SMALLER_IS_BETTER, Formats::micros, s -> corrected(s)
            .p99()),
    P999("p99.9", "µs", Direction.SMALLER_IS_BETTER, Formats::micros, s -> corrected(s)
            .p999()),
    /** The server's CPU time per request. */
    CPU(
            "CPU/req",
            "µs",
            Direction.SMALLER_IS_BETTER,
            Formats::ratio,
            s -> s.server() == null ? null : s.server().cpuUsPerRequest());

    /** Which way a change is an improvement. */
    public enum Direction {
        SMALLER_IS_BETTER,
        BIGGER_IS_BETTER
    }

    private final String label;
    private final String unit;
    private final Direction direction;
    private final Function<Double, String> format;
    private final Function<CaseSummary, Double> value;

    Metric(
            String label,
            String unit,
            Direction direction,
            Function<Double, String> format,
            Function<CaseSummary, Double> value) {
        this.label = label;
        this.unit = unit;
        this.direction = direction;
        this.format = format;
        this.value = value;
    }

    /** For people, without the unit: {@code p99}. */
    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    /** The value as the report prints it. */
    public String format(double v) {
        return format.apply(v);
    }

    /**
     * The case's estimate of this metric; null when the case does not have it. Latency is the
     * corrected one (what to plan with).
     */
    public Estimate of(CaseSummary summary) {
        Double v = value.apply(summary);
        return v == null ? null : Estimate.of(v);
    }

    /**
     * How much worse {@code current} is than {@code baseline}, as a share of the baseline: positive
     * when worse, negative when better; null when the baseline is 0 (no share of nothing).
     */
    public Double worsening(double baseline, double current) {
        if (baseline == 0) {
            return null;
        }
        double change = (current - baseline) / baseline;
        return direction == Direction.SMALLER_IS_BETTER ? change : -change;
    }

    private static Percentiles corrected(CaseSummary s) {
        return s.latencyUs().corrected();
    }
}
