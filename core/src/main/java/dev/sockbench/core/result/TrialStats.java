package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A case measured several times ({@code --trials N}): block {@code trials} of the case's {@code
 * summary.json}. Per metric, the median and a 95% confidence interval of the mean over the
 * measured trials, and whether this case differs significantly from the best case of its group
 * (same transport and load, different models). Computed by the harness ({@code
 * bench.runner.TrialStatistics}); absent when the case ran once.
 *
 * @param trials the trials asked for
 * @param measured the trials that ran to their end (the statistics are over these)
 * @param representativeTrial the trial whose summary is the case's (its numbers fill the rest of
 *     {@code summary.json}): the median one by capacity, else by achieved rate; 1-based
 * @param achievedRatePerSec completed requests per second
 * @param capacityPerSec a sweep's capacity under its objective; null unless a trial found one
 * @param correctedP50Us corrected latency, p50, µs
 * @param correctedP99Us corrected latency, p99, µs; null when no trial had enough requests for it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialStats(
        int trials,
        int measured,
        int representativeTrial,
        Metric achievedRatePerSec,
        Metric capacityPerSec,
        Metric correctedP50Us,
        Metric correctedP99Us) {

    /** The significance level of {@link Metric#differsFromBest}. */
    public static final double ALPHA = 0.05;

    /**
     * One metric over the trials.
     *
     * @param values the measured trials' values, in trial order (trials without a value left out)
     * @param median their median
     * @param mean their mean
     * @param ci95Low lower bound of the 95% confidence interval of the mean (Student's t); null
     *     with fewer than two values
     * @param ci95High its upper bound
     * @param higherIsBetter true for rates, false for latencies: which end is the best
     * @param bestCaseId the case of the group with the best median (this case when it is the best
     *     or alone)
     * @param pValueVsBest two-sided p-value of Welch's t-test of this case's values against the
     *     best case's; null for the best case itself, or when either has fewer than two values, or
     *     when both are constant
     * @param differsFromBest true when {@code pValueVsBest} is below {@link #ALPHA}; null when not
     *     tested. Two constant samples differ when their values do.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metric(
            List<Double> values,
            double median,
            double mean,
            Double ci95Low,
            Double ci95High,
            boolean higherIsBetter,
            String bestCaseId,
            Double pValueVsBest,
            Boolean differsFromBest) {
        public Metric {
            values = List.copyOf(values);
        }
    }
}
