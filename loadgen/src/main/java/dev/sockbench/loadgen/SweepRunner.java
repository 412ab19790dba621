package dev.sockbench.loadgen;

import dev.sockbench.core.process.Phase;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.core.result.SweepResult.SweepStep;
import dev.sockbench.loadgen.check.SelfCheck;
import dev.sockbench.loadgen.engine.LoadEngine;
import dev.sockbench.loadgen.engine.LoadPlan;
import dev.sockbench.loadgen.engine.LoadResult;
import dev.sockbench.loadgen.shape.LoadShape;
import dev.sockbench.loadgen.shape.Slo;
import dev.sockbench.loadgen.shape.SweepSearch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@code sweep}: open-loop steps chosen by a {@link SweepSearch}, each a full run (warm-up,
 * measured interval, drain). A step is good when its self-check passes (achieved rate, errors,
 * the generator's health) and the objective is met on the corrected latency. Capacity is the
 * highest good rate.
 *
 * <p>The report's load and latency are those of the capacity step (of the first step when none
 * was good). The interval log holds every step: the capacity step's intervals under the usual
 * tags {@code corrected} and {@code raw} (what the report reads), the others under {@code
 * step<N>-corrected} and {@code step<N>-raw}. Phase markers span the whole sweep: warm-up before
 * the first step, measure from the first step's measured interval, done after the last.
 *
 * <p>The sweep is invalid when no step was good, or when the step that ended the rise failed
 * because of the generator rather than the server (its capacity would be the generator's).
 */
final class SweepRunner {
    private final LoadEngine engine;
    private final LoadSpec spec;
    private final LoadShape.Sweep sweep;
    private final LoadPlan base;

    /** @param base the plan of the first step; the others differ in their rate only */
    SweepRunner(LoadEngine engine, LoadSpec spec, LoadShape.Sweep sweep, LoadPlan base) {
        this.engine = engine;
        this.spec = spec;
        this.sweep = sweep;
        this.base = base;
    }

    /**
     * One interval of a step, encoded by the log (a sweep may log hundreds of intervals); tagged
     * and written when the capacity step is known, at the end.
     */
    private record Interval(LatencyLog.Encoded corrected, LatencyLog.Encoded raw) {}

    Generator.Outcome run(LoadEngine.Listener listener, Path hlogFile) throws IOException {
        try (LatencyLog log =
                hlogFile == null ? LatencyLog.discarding() : LatencyLog.create(hlogFile, System.currentTimeMillis())) {
            return run(listener, log);
        }
    }

    private Generator.Outcome run(LoadEngine.Listener listener, LatencyLog log) throws IOException {
        Slo slo = sweep.slo();
        SweepSearch search = new SweepSearch(
                sweep.startRatePerSec(), sweep.stepFactor(), sweep.maxRatePerSec(), sweep.refineSteps());
        List<SweepStep> steps = new ArrayList<>();
        List<LoadResult> results = new ArrayList<>();
        List<List<Interval>> intervals = new ArrayList<>();
        while (!search.done()) {
            double rate = search.nextRatePerSec();
            int stepNumber = steps.size() + 1;
            boolean first = steps.isEmpty();
            List<Interval> stepIntervals = new ArrayList<>();
            LoadResult result = engine.run(
                    base.withRate(rate),
                    new LoadEngine.Listener() {
                        @Override
                        public void phase(Phase phase) {
                            if (first && phase != Phase.DONE) {
                                listener.phase(phase);
                            }
                        }

                        @Override
                        public void progress(String line) {
                            listener.progress(stepLine(line));
                        }

                        @Override
                        public void rehearseProgress(String line) {
                            listener.rehearseProgress(stepLine(line));
                        }

                        private String stepLine(String line) {
                            return String.format(Locale.ROOT, "step %d at %.0f/s: %s", stepNumber, rate, line);
                        }
                    },
                    (corrected, raw) -> stepIntervals.add(new Interval(corrected, raw)));
            List<String> reasons = new ArrayList<>(SelfCheck.reasons(result, rate));
            long samples = result.corrected().getTotalCount();
            if (!Percentiles.measurable(samples, slo.percentile())) {
                reasons.add(String.format(
                        Locale.ROOT,
                        "%s not measured: %d requests, it needs %d (lengthen the step or raise the rate)",
                        Percentiles.label(slo.percentile()),
                        samples,
                        Percentiles.minSamples(slo.percentile())));
            } else if (!slo.metBy(result.corrected())) {
                reasons.add(String.format(
                        Locale.ROOT,
                        "%s %.1f us exceeds the objective %s",
                        Percentiles.label(slo.percentile()),
                        slo.valueNs(result.corrected()) / 1e3,
                        slo.text()));
            }
            boolean good = reasons.isEmpty();
            steps.add(new SweepStep(
                    rate,
                    result.achievedRatePerSec(),
                    result.requests(),
                    result.errors().total(),
                    LoadReports.latency(result),
                    good,
                    reasons));
            results.add(result);
            intervals.add(stepIntervals);
            listener.progress(String.format(
                    Locale.ROOT,
                    "step %d at %.0f/s: %s",
                    stepNumber,
                    rate,
                    good ? "good" : "bad: " + String.join("; ", reasons)));
            search.report(rate, good);
            if (engine.stopRequested()) {
                break;
            }
        }
        listener.phase(Phase.DONE);

        Double capacity = search.capacityPerSec();
        int chosen = 0;
        if (capacity != null) {
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).good() && steps.get(i).targetRatePerSec() == capacity) {
                    chosen = i;
                }
            }
        }
        List<String> invalid = new ArrayList<>();
        if (engine.stopRequested()) {
            invalid.add("interrupted after " + steps.size() + " step(s); the steps so far are kept");
        }
        if (capacity == null) {
            invalid.add(String.format(
                    Locale.ROOT,
                    "no step was good: capacity under %s is below the start rate %.0f/s",
                    slo.text(),
                    sweep.startRatePerSec()));
        }
        Double firstBad = search.firstBadPerSec();
        for (int i = 0; i < steps.size(); i++) {
            if (firstBad != null
                    && steps.get(i).targetRatePerSec() == firstBad
                    && SelfCheck.generatorLimited(results.get(i))) {
                invalid.add(String.format(
                        Locale.ROOT,
                        "the step at %.0f/s failed because the generator fell behind, not the server: the capacity found is the generator's",
                        firstBad));
                break;
            }
        }
        writeLog(log, intervals, chosen);
        LoadResult top = results.get(chosen);
        SweepResult block = new SweepResult(slo.text(), slo.percentile(), slo.thresholdNs() / 1e3, capacity, steps);
        return new Generator.Outcome(
                LoadReports.of(spec, top, steps.get(chosen).targetRatePerSec(), invalid, block), firstErrorOf(results));
    }

    private static String firstErrorOf(List<LoadResult> results) {
        for (LoadResult r : results) {
            if (r.firstError() != null) {
                return r.firstError();
            }
        }
        return null;
    }

    /** Tags the capacity step's intervals as they are, every other step's prefixed {@code stepN-}. */
    private static void writeLog(LatencyLog log, List<List<Interval>> intervals, int chosen) {
        for (int step = 0; step < intervals.size(); step++) {
            String prefix = step == chosen ? "" : "step" + (step + 1) + "-";
            for (Interval interval : intervals.get(step)) {
                log.write(prefix + LatencyLog.CORRECTED, interval.corrected());
                log.write(prefix + LatencyLog.RAW, interval.raw());
            }
        }
    }
}
