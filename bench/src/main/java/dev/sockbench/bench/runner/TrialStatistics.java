package dev.sockbench.bench.runner;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.TrialStats;
import dev.sockbench.core.result.TrialStats.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The statistics over the trials of one group of cases (same transport and load, different
 * models), all from Apache Commons Math: per case and metric the median, the mean with its 95%
 * confidence interval (Student's t), and Welch's two-sided t-test against the group's best case.
 */
final class TrialStatistics {
    private static final double CONFIDENCE = 0.95;

    /** The metrics compared, each with the direction that is better. */
    enum Measure {
        ACHIEVED_RATE(true, s -> s.load().achievedRatePerSec()),
        CAPACITY(true, s -> s.sweep() == null ? null : s.sweep().capacityPerSec()),
        CORRECTED_P50(false, s -> s.latencyUs().corrected().p50()),
        CORRECTED_P99(false, s -> s.latencyUs().corrected().p99());

        final boolean higherIsBetter;
        final Function<CaseSummary, Double> value;

        Measure(boolean higherIsBetter, Function<CaseSummary, Double> value) {
            this.higherIsBetter = higherIsBetter;
            this.value = value;
        }
    }

    /**
     * One case's trials.
     *
     * @param caseId the case
     * @param trials the trials asked for
     * @param measured the summaries of its measured trials, by trial number (1-based), in order
     */
    record CaseTrials(String caseId, int trials, Map<Integer, CaseSummary> measured) {
        CaseTrials {
            measured = new LinkedHashMap<>(measured);
        }

        /** This case's values of {@code m}, in trial order, trials without one left out. */
        double[] values(Measure m) {
            return measured.values().stream()
                    .map(m.value)
                    .filter(v -> v != null)
                    .mapToDouble(Double::doubleValue)
                    .toArray();
        }

        /**
         * The trial whose summary stands for the case: the median one by capacity when a trial has
         * one, else by achieved rate (the lower middle of an even count).
         */
        int representative() {
            Measure by = values(Measure.CAPACITY).length > 0 ? Measure.CAPACITY : Measure.ACHIEVED_RATE;
            List<Map.Entry<Integer, CaseSummary>> sorted = new ArrayList<>(measured.entrySet());
            sorted.sort(Comparator.comparingDouble(e -> {
                Double v = by.value.apply(e.getValue());
                return v == null ? Double.NEGATIVE_INFINITY : v;
            }));
            return sorted.get((sorted.size() - 1) / 2).getKey();
        }
    }

    private TrialStatistics() {}

    /**
     * The statistics of every case of a group that has a measured trial, by case id.
     *
     * @param group the group's cases
     */
    static Map<String, TrialStats> of(List<CaseTrials> group) {
        Map<String, TrialStats> stats = new LinkedHashMap<>();
        List<CaseTrials> measured =
                group.stream().filter(c -> !c.measured().isEmpty()).toList();
        Map<Measure, Map<String, Metric>> byMeasure = new LinkedHashMap<>();
        for (Measure m : Measure.values()) {
            byMeasure.put(m, compare(measured, m));
        }
        for (CaseTrials c : measured) {
            stats.put(
                    c.caseId(),
                    new TrialStats(
                            c.trials(),
                            c.measured().size(),
                            c.representative(),
                            byMeasure.get(Measure.ACHIEVED_RATE).get(c.caseId()),
                            byMeasure.get(Measure.CAPACITY).get(c.caseId()),
                            byMeasure.get(Measure.CORRECTED_P50).get(c.caseId()),
                            byMeasure.get(Measure.CORRECTED_P99).get(c.caseId())));
        }
        return stats;
    }

    /** Metric {@code m} of each case that has values of it, compared with the best case's. */
    private static Map<String, Metric> compare(List<CaseTrials> group, Measure m) {
        Map<String, double[]> values = new LinkedHashMap<>();
        for (CaseTrials c : group) {
            double[] v = c.values(m);
            if (v.length > 0) {
                values.put(c.caseId(), v);
            }
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return metrics;
        }
        Comparator<String> byMedian = Comparator.comparingDouble(id -> median(values.get(id)));
        String best = values.keySet().stream()
                .max(m.higherIsBetter ? byMedian : byMedian.reversed())
                .orElseThrow();
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            metrics.put(
                    e.getKey(),
                    metric(e.getValue(), m.higherIsBetter, best, e.getKey().equals(best) ? null : values.get(best)));
        }
        return metrics;
    }

    /** The description of {@code values}, and the test against {@code bestValues} (null: none). */
    static Metric metric(double[] values, boolean higherIsBetter, String bestCaseId, double[] bestValues) {
        DescriptiveStatistics d = new DescriptiveStatistics(values);
        Double low = null;
        Double high = null;
        if (values.length >= 2) {
            double t = new TDistribution(values.length - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
            double halfWidth = t * d.getStandardDeviation() / Math.sqrt(values.length);
            low = d.getMean() - halfWidth;
            high = d.getMean() + halfWidth;
        }
        Double p = null;
        Boolean differs = null;
        if (bestValues != null && values.length >= 2 && bestValues.length >= 2) {
            if (d.getVariance() == 0 && new DescriptiveStatistics(bestValues).getVariance() == 0) {
                // The test is undefined for two constant samples: they differ exactly when their values do.
                differs = values[0] != bestValues[0];
            } else {
                p = welch(values, bestValues);
                differs = p < TrialStats.ALPHA;
            }
        }
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return new Metric(list, median(values), d.getMean(), low, high, higherIsBetter, bestCaseId, p, differs);
    }

    /** Welch's two-sided t-test (unequal variances): the p-value. */
    private static double welch(double[] a, double[] b) {
        try {
            return new TTest().tTest(a, b);
        } catch (MathIllegalArgumentException e) {
            throw new IllegalStateException("Welch's t-test refused its samples: " + e.getMessage(), e);
        }
    }

    private static double median(double[] values) {
        return new DescriptiveStatistics(values).getPercentile(50);
    }
}
