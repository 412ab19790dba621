package dev.sockbench.report.compare;

/**
 * One metric of one case: its value and, when the case ran several trials, the confidence
 * interval around it. Two estimates whose intervals overlap are not significantly different.
 *
 * @param value the value (a trial median when there were trials)
 * @param low the interval's lower end; null without trials
 * @param high the interval's upper end; null without trials
 */
public record Estimate(double value, Double low, Double high) {

    /** A single measurement: no interval. */
    public static Estimate of(double value) {
        return new Estimate(value, null, null);
    }

    /** True when the case carried a confidence interval. */
    public boolean hasInterval() {
        return low != null && high != null;
    }

    /**
     * Whether {@code this} and {@code other} differ beyond their noise: false when both carry
     * intervals and these overlap; true otherwise (one measurement each cannot tell noise apart).
     */
    public boolean significantlyDifferentFrom(Estimate other) {
        if (!hasInterval() || !other.hasInterval()) {
            return true;
        }
        return high < other.low || other.high < low;
    }
}
