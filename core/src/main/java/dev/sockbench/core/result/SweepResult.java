package dev.sockbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a capacity search, block {@code sweep} of {@code summary.json}. A {@code sweep}
 * case: open-loop steps of rising rate until the service-level objective broke or the server
 * saturated, then refined between the last good and the first bad step. A {@code capacity} case:
 * the closed-loop ceiling first, then open-loop steps bisecting below it.
 *
 * @param slo the objective as given, e.g. {@code p99=1ms}
 * @param sloPercentile the percentile the objective bounds, e.g. 99.0
 * @param sloThresholdUs the latency that percentile must not exceed, µs (corrected latency)
 * @param capacityPerSec the highest target rate of a good step: the objective met, achieved rate
 *     at least 99% of target, no errors, the generator healthy; null when no step was good
 * @param steps every step in the order it ran
 * @param ceilingPerSec a {@code capacity} case's closed-loop maximum, the rate no step reaches;
 *     null for a {@code sweep} (absent from the JSON)
 * @param ceilingIsGenerators true when that maximum was the generator's, not the server's: its
 *     busiest thread was saturated in the closed loop, so the server may carry more than any step
 *     tried ({@link #capacityIsLowerBound}; absent from the JSON when false)
 */
public record SweepResult(
        String slo,
        double sloPercentile,
        double sloThresholdUs,
        Double capacityPerSec,
        List<SweepStep> steps,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double ceilingPerSec,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ceilingIsGenerators) {

    public SweepResult {
        steps = List.copyOf(steps);
    }

    /**
     * When no step was good: the lowest rate tried, which the capacity is below; null when a
     * capacity was found or no step ran.
     */
    public Double capacityBelowPerSec() {
        return capacityPerSec != null || steps.isEmpty()
                ? null
                : steps.stream().mapToDouble(SweepStep::targetRatePerSec).min().getAsDouble();
    }

    /**
     * True when the capacity is only a lower bound, the server's true one at or above it: the
     * lowest failed step above the capacity failed because the generator fell behind ({@link
     * SweepStep#generatorLimited}), or no step above it failed and the closed-loop ceiling, which
     * no step exceeds, was the generator's.
     */
    public boolean capacityIsLowerBound() {
        if (capacityPerSec == null) {
            return false;
        }
        return steps.stream()
                .filter(s -> !s.good() && s.targetRatePerSec() > capacityPerSec)
                .min(Comparator.comparingDouble(SweepStep::targetRatePerSec))
                .map(SweepStep::generatorLimited)
                .orElse(ceilingIsGenerators);
    }

    /** A {@code sweep} case's result: no ceiling. */
    public SweepResult(
            String slo, double sloPercentile, double sloThresholdUs, Double capacityPerSec, List<SweepStep> steps) {
        this(slo, sloPercentile, sloThresholdUs, capacityPerSec, steps, null, false);
    }

    /** A {@code capacity} case's result whose ceiling was the server's. */
    public SweepResult(
            String slo,
            double sloPercentile,
            double sloThresholdUs,
            Double capacityPerSec,
            List<SweepStep> steps,
            Double ceilingPerSec) {
        this(slo, sloPercentile, sloThresholdUs, capacityPerSec, steps, ceilingPerSec, false);
    }

    /**
     * One step of a sweep: an open-loop run at one rate.
     *
     * @param targetRatePerSec the rate asked for
     * @param achievedRatePerSec completed requests per second
     * @param requests completed requests
     * @param errors failed requests and connections, all kinds
     * @param latencyUs corrected and raw latency, µs
     * @param good true when the step counts toward capacity (see {@link SweepResult#capacityPerSec})
     * @param reasons why the step is not good; empty when good
     * @param generatorLimited true when the step is bad and the generator, not the server, may have
     *     made it so (it fell behind its schedule by about the miss, or saturated); absent from the
     *     JSON when false
     */
    public record SweepStep(
            double targetRatePerSec,
            double achievedRatePerSec,
            long requests,
            long errors,
            LatencyUs latencyUs,
            boolean good,
            List<String> reasons,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean generatorLimited) {
        public SweepStep {
            reasons = List.copyOf(reasons);
        }
    }
}
