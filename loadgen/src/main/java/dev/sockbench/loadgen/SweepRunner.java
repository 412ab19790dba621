package dev.sockbench.loadgen;

import dev.sockbench.core.process.Phase;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.core.result.SweepResult.SweepStep;
import dev.sockbench.loadgen.check.SelfCheck;
import dev.sockbench.loadgen.check.StepVerdict;
import dev.sockbench.loadgen.engine.LoadEngine;
import dev.sockbench.loadgen.engine.LoadPlan;
import dev.sockbench.loadgen.engine.LoadResult;
import dev.sockbench.loadgen.pacing.Arrival;
import dev.sockbench.loadgen.shape.CeilingSearch;
import dev.sockbench.loadgen.shape.LoadShape;
import dev.sockbench.loadgen.shape.RateSearch;
import dev.sockbench.loadgen.shape.Slo;
import dev.sockbench.loadgen.shape.SweepSearch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a capacity search — a {@code sweep} or a {@code capacity} — as open-loop steps chosen by a
 * {@link RateSearch}, each a full run (warm-up, measured interval, drain). A step is good when its
 * self-check passes (achieved rate, errors, the generator's health) and the objective is met on
 * the corrected latency, judged by {@link StepVerdict} (the send lag against the step's verdict).
 * Capacity is the highest good rate.
 *
 * <p>A {@code sweep} rises from its start rate ({@link SweepSearch}). A {@code capacity} first
 * runs its connections closed-loop for the ceiling, the most the server answers, then bisects
 * below it ({@link CeilingSearch}); when the ceiling run itself is not trustworthy (errors, lost
 * connections, interrupted) the case is invalid with its reasons and no step runs.
 *
 * <p>The first run of the process warms up for the case's warm-up, and so does the first paced
 * step (its driver has not run yet); later steps warm up for at most {@link #REWARM_NS}: the JIT
 * is done by then, and the warm-up only brings the connections to the new rate. A step measures
 * for the case's duration, or longer when that is too short for the objective's percentile at the
 * step's rate ({@link Slo#stepDurationNs}).
 *
 * <p>The report's load and latency are those of the capacity step (of the first step when none
 * was good). The interval log holds every run: the capacity step's intervals under the usual
 * tags {@code corrected} and {@code raw} (what the report reads), the other steps' under {@code
 * step<N>-corrected} and {@code step<N>-raw}, the ceiling run's under {@code ceiling-corrected}
 * and {@code ceiling-raw}. Phase markers span the whole search: warm-up before the first run,
 * measure from its measured interval, done after the last.
 *
 * <p>The search is invalid when no step was good, or when the step that ended the rise failed
 * because of the generator rather than the server (its capacity would be the generator's).
 */
final class SweepRunner {
    /** The longest warm-up of a step after the first paced one. */
    static final long REWARM_NS = 300_000_000L;

    private final LoadEngine engine;
    private final LoadSpec spec;
    private final LoadPlan base;

    /** @param base the plan of the first run: a sweep's first step, a capacity's closed-loop ceiling run */
    SweepRunner(LoadEngine engine, LoadSpec spec, LoadPlan base) {
        this.engine = engine;
        this.spec = spec;
        this.base = base;
    }

    /**
     * One interval of a run, encoded by the log (a sweep may log hundreds of intervals); tagged
     * and written when the capacity step is known, at the end.
     */
    private record Interval(LatencyLog.Encoded corrected, LatencyLog.Encoded raw) {}

    /** One engine run of the search and its intervals. */
    private record Run(LoadResult result, List<Interval> intervals) {}

    Generator.Outcome run(LoadEngine.Listener listener, Path hlogFile) throws IOException {
        try (LatencyLog log =
                hlogFile == null ? LatencyLog.discarding() : LatencyLog.create(hlogFile, System.currentTimeMillis())) {
            return run(listener, log);
        }
    }

    private Generator.Outcome run(LoadEngine.Listener listener, LatencyLog log) throws IOException {
        Slo slo;
        RateSearch search;
        Run ceiling = null;
        boolean ceilingIsGenerators = false;
        Arrival arrival = spec.arrival();
        switch (spec.shape()) {
            case LoadShape.Sweep sweep -> {
                slo = sweep.slo();
                search = new SweepSearch(
                        sweep.startRatePerSec(), sweep.stepFactor(), sweep.maxRatePerSec(), sweep.refineSteps());
            }
            case LoadShape.Capacity capacity -> {
                slo = capacity.slo();
                ceiling = runOnce(base, listener, true, "ceiling (closed loop)");
                List<String> reasons = SelfCheck.ceilingReasons(ceiling.result());
                if (!reasons.isEmpty() || engine.stopRequested()) {
                    return ceilingFailed(slo, ceiling, reasons, listener, log);
                }
                double ceilingPerSec = ceiling.result().achievedRatePerSec();
                ceilingIsGenerators = SelfCheck.saturated(ceiling.result());
                listener.progress(String.format(
                        Locale.ROOT,
                        "ceiling (closed loop): %.0f/s%s",
                        ceilingPerSec,
                        ceilingIsGenerators
                                ? String.format(
                                        Locale.ROOT,
                                        ", the generator's (its busiest thread busy %.0f%%): the server may carry more",
                                        ceiling.result().busiestPercent())
                                : ""));
                search = new CeilingSearch(ceilingPerSec, capacity.steps());
            }
            default ->
                throw new IllegalArgumentException(
                        "not a capacity search: " + spec.shape().id());
        }
        List<SweepStep> steps = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        while (!search.done()) {
            double rate = search.nextRatePerSec();
            int stepNumber = steps.size() + 1;
            long warmupNs = steps.isEmpty() ? base.warmupNs() : Math.min(base.warmupNs(), REWARM_NS);
            long durationNs = slo.stepDurationNs(base.durationNs(), rate);
            if (durationNs > base.durationNs()) {
                listener.progress(String.format(
                        Locale.ROOT,
                        "step %d at %.0f/s measures %.1f s, so that its %s rests on enough requests",
                        stepNumber,
                        rate,
                        durationNs / 1e9,
                        Percentiles.label(slo.percentile())));
            }
            Run run = runOnce(
                    base.paced(rate, arrival, warmupNs, durationNs),
                    listener,
                    ceiling == null && steps.isEmpty(),
                    String.format(Locale.ROOT, "step %d at %.0f/s", stepNumber, rate));
            LoadResult result = run.result();
            StepVerdict verdict = StepVerdict.of(result, rate, slo);
            List<String> reasons = verdict.reasons();
            boolean good = verdict.good();
            steps.add(new SweepStep(
                    rate,
                    result.achievedRatePerSec(),
                    result.requests(),
                    result.errors().total(),
                    LoadReports.latency(result),
                    good,
                    reasons,
                    verdict.generatorLimited()));
            runs.add(run);
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
        SweepResult block = new SweepResult(
                slo.text(),
                slo.percentile(),
                slo.thresholdNs() / 1e3,
                capacity,
                steps,
                ceiling == null ? null : ceiling.result().achievedRatePerSec(),
                ceilingIsGenerators);
        if (block.capacityBelowPerSec() != null) {
            invalid.add(String.format(
                    Locale.ROOT,
                    "no step was good: capacity under %s is below the lowest rate tried, %.0f/s",
                    slo.text(),
                    block.capacityBelowPerSec()));
        }
        Double firstBad = search.firstBadPerSec();
        // The first bad step's failure, said, when the generator caused it; else null.
        String generatorsFirstBad = steps.stream()
                        .anyMatch(st -> firstBad != null && st.targetRatePerSec() == firstBad && st.generatorLimited())
                ? String.format(
                        Locale.ROOT,
                        "the step at %.0f/s failed because the generator fell behind, not the server",
                        firstBad)
                : null;
        if (capacity == null && generatorsFirstBad != null) {
            invalid.add(generatorsFirstBad);
        }
        if (block.capacityIsLowerBound()) {
            listener.progress(String.format(
                    Locale.ROOT,
                    "capacity at least %.0f/s: %s",
                    capacity,
                    generatorsFirstBad != null ? generatorsFirstBad : "the closed-loop ceiling was the generator's"));
        }
        writeLog(log, ceiling, runs, chosen);
        LoadResult top = runs.get(chosen).result();
        return new Generator.Outcome(
                LoadReports.of(spec, top, steps.get(chosen).targetRatePerSec(), invalid, block),
                firstErrorOf(runs.stream().map(Run::result).toList()));
    }

    /** A capacity whose ceiling run cannot be trusted: reported as that run, with its reasons. */
    private Generator.Outcome ceilingFailed(
            Slo slo, Run ceiling, List<String> reasons, LoadEngine.Listener listener, LatencyLog log) {
        listener.phase(Phase.DONE);
        List<String> invalid = new ArrayList<>();
        for (String reason : reasons) {
            invalid.add("the closed-loop ceiling run: " + reason);
        }
        if (engine.stopRequested()) {
            invalid.add("interrupted in the closed-loop ceiling run; no step ran");
        }
        writeLog(log, null, List.of(ceiling), 0);
        SweepResult block = new SweepResult(
                slo.text(),
                slo.percentile(),
                slo.thresholdNs() / 1e3,
                null,
                List.of(),
                ceiling.result().achievedRatePerSec());
        return new Generator.Outcome(
                LoadReports.of(spec, ceiling.result(), null, invalid, block),
                ceiling.result().firstError());
    }

    /**
     * One engine run, its progress lines prefixed with {@code name}; its phases go to {@code
     * listener} only when it is the search's first run (the others are inside its measure phase).
     */
    private Run runOnce(LoadPlan plan, LoadEngine.Listener listener, boolean first, String name) throws IOException {
        List<Interval> intervals = new ArrayList<>();
        LoadResult result = engine.run(
                plan,
                new LoadEngine.Listener() {
                    @Override
                    public void phase(Phase phase) {
                        if (first && phase != Phase.DONE) {
                            listener.phase(phase);
                        }
                    }

                    @Override
                    public void progress(String line) {
                        listener.progress(name + ": " + line);
                    }

                    @Override
                    public void rehearseProgress(String line) {
                        listener.rehearseProgress(name + ": " + line);
                    }
                },
                (corrected, raw) -> intervals.add(new Interval(corrected, raw)));
        return new Run(result, intervals);
    }

    private static String firstErrorOf(List<LoadResult> results) {
        for (LoadResult r : results) {
            if (r.firstError() != null) {
                return r.firstError();
            }
        }
        return null;
    }

    /**
     * Tags the capacity step's intervals as they are, every other step's prefixed {@code stepN-},
     * the ceiling run's {@code ceiling-}.
     */
    private static void writeLog(LatencyLog log, Run ceiling, List<Run> steps, int chosen) {
        if (ceiling != null) {
            write(log, "ceiling-", ceiling);
        }
        for (int step = 0; step < steps.size(); step++) {
            write(log, step == chosen ? "" : "step" + (step + 1) + "-", steps.get(step));
        }
    }

    private static void write(LatencyLog log, String prefix, Run run) {
        for (Interval interval : run.intervals()) {
            log.write(prefix + LatencyLog.CORRECTED, interval.corrected());
            log.write(prefix + LatencyLog.RAW, interval.raw());
        }
    }
}
