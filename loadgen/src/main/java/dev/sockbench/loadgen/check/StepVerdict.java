package dev.sockbench.loadgen.check;

import dev.sockbench.core.result.Percentiles;
import dev.sockbench.loadgen.engine.LoadResult;
import dev.sockbench.loadgen.shape.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Whether one open-loop step of a capacity search (a {@code sweep} or a {@code capacity}) counts
 * toward capacity, and whose doing a failed step is. The self-check applies ({@link SelfCheck}:
 * errors, the achieved rate, lost connections, a saturated generator), but the send lag is judged
 * against the step's verdict, not against the general bound:
 *
 * <ul>
 *   <li>a step that met the objective met it with the generator's delays included in its corrected
 *       latency: the server did at least as well, so the step is good whatever the lag;
 *   <li>a step that missed the objective by less than the generator's own send lag at that
 *       percentile may have been failed by the generator: it is bad, and marked {@link
 *       #generatorLimited}, so that a capacity it bounds is flagged as the generator's;
 *   <li>a step that missed it by more is the server's.
 * </ul>
 *
 * The lag and the latency at a percentile are of different requests; their difference is an
 * estimate, the same one the self-check's bound makes.
 *
 * @param good the step counts toward capacity
 * @param generatorLimited the generator, not the server, may have made the step bad
 * @param reasons why the step is bad; empty when good
 */
public record StepVerdict(boolean good, boolean generatorLimited, List<String> reasons) {

    public StepVerdict {
        reasons = List.copyOf(reasons);
    }

    /** The verdict on a step run at {@code targetRatePerSec} under {@code slo}. */
    public static StepVerdict of(LoadResult result, double targetRatePerSec, Slo slo) {
        List<String> reasons = new ArrayList<>(SelfCheck.reasonsBesidesLag(result, targetRatePerSec));
        boolean generatorLimited = result.busiestPercent() >= SelfCheck.MAX_BUSY_PERCENT;
        Histogram corrected = result.corrected();
        long samples = corrected.getTotalCount();
        String label = Percentiles.label(slo.percentile());
        if (!Percentiles.measurable(samples, slo.percentile())) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "%s not measured: %d requests, it needs %d (lengthen the step or raise the rate)",
                    label,
                    samples,
                    Percentiles.minSamples(slo.percentile())));
        } else if (!slo.metBy(corrected)) {
            long valueNs = slo.valueNs(corrected);
            Histogram lag = result.sendLagNs();
            long lagNs = lag == null || lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(slo.percentile());
            if (valueNs - lagNs <= slo.thresholdNs()) {
                generatorLimited = true;
                reasons.add(String.format(
                        Locale.ROOT,
                        "%s %.1f us exceeds the objective %s, but %.1f us of it may be the generator's own send lag:"
                                + " the server may have met it",
                        label,
                        valueNs / 1e3,
                        slo.text(),
                        lagNs / 1e3));
            } else {
                reasons.add(String.format(
                        Locale.ROOT, "%s %.1f us exceeds the objective %s", label, valueNs / 1e3, slo.text()));
            }
        }
        return new StepVerdict(reasons.isEmpty(), generatorLimited && !reasons.isEmpty(), reasons);
    }
}
