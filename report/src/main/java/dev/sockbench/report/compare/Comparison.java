package dev.sockbench.report.compare;

import dev.sockbench.core.cli.BadInputException;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.report.Reports;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two runs side by side: their measured cases matched by {@link CaseIdentity}, every metric of
 * {@link Metric} compared, and a regression where the current run is worse than the baseline by
 * more than the threshold, in the metric's own direction, and (when both carry confidence
 * intervals) significantly. Cases measured in one run only are listed, never a regression; so
 * are cases whose numbers are INVALID in either run (not comparable) and cases the current run
 * did not measure.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(Path.of("baseline-run"), Path.of("results/latest"), 0.10);
 * if (c.regressed()) { ... }
 * }</pre>
 *
 * @param baseline the run compared against
 * @param current the run under test
 * @param threshold the share a metric may worsen by before it is a regression, e.g. 0.10
 * @param matched cases measured in both runs, in the current run's order
 * @param onlyInBaseline measured in the baseline only
 * @param onlyInCurrent measured in the current run only
 * @param notMeasured cases of the current run without numbers (skipped, failed, ...)
 */
public record Comparison(
        Side baseline,
        Side current,
        double threshold,
        List<CaseDelta> matched,
        List<ReportCase> onlyInBaseline,
        List<ReportCase> onlyInCurrent,
        List<ReportCase> notMeasured) {

    /** One run: its folder, its run.json and its cases. */
    public record Side(Path runDir, RunResult run, List<ReportCase> cases) {
        static Side read(Path runDir) {
            RunResult run = Reports.readRun(runDir);
            return new Side(runDir, run, ReportCase.loadAll(run, runDir));
        }

        public String runId() {
            return run.runId();
        }
    }

    /** What became of one metric. */
    public enum Verdict {
        /** Worse beyond the threshold (and significantly, when intervals were given). */
        REGRESSED,
        /** Worse beyond the threshold, but the confidence intervals overlap: noise. */
        NOISE,
        /** Better beyond the threshold. */
        IMPROVED,
        /** Within the threshold either way. */
        UNCHANGED
    }

    /**
     * One metric of one matched case.
     *
     * @param worsening the change as a share of the baseline, positive when worse; null when the
     *     baseline is 0
     */
    public record MetricDelta(Metric metric, Estimate baseline, Estimate current, Double worsening, Verdict verdict) {
        /** The signed change for people: {@code +12.3%}; {@code new} from a baseline of 0. */
        public String change() {
            if (worsening == null) {
                return baseline.value() == current.value() ? "0%" : "from 0";
            }
            double raw = (current.value() - baseline.value()) / baseline.value();
            return String.format(Locale.ROOT, "%+.1f%%", raw * 100);
        }
    }

    /**
     * One case measured in both runs.
     *
     * @param notCompared why its metrics were not judged (INVALID on a side); null when they were
     */
    public record CaseDelta(
            CaseIdentity identity,
            ReportCase baseline,
            ReportCase current,
            List<MetricDelta> metrics,
            String notCompared) {

        public boolean regressed() {
            return metrics.stream().anyMatch(m -> m.verdict() == Verdict.REGRESSED);
        }

        /** The regressed metrics, for people: {@code p99 +210.0% (86.8 → 270.1 µs)}. */
        public List<String> regressions() {
            return metrics.stream()
                    .filter(m -> m.verdict() == Verdict.REGRESSED)
                    .map(m -> m.metric().label() + " " + m.change() + " ("
                            + m.metric().format(m.baseline().value()) + " → "
                            + m.metric().format(m.current().value()) + " "
                            + m.metric().unit() + ")")
                    .toList();
        }
    }

    /**
     * Reads both run folders and compares them.
     *
     * @throws BadInputException when a folder is not a readable run, or the threshold is not positive
     */
    public static Comparison of(Path baselineDir, Path currentDir, double threshold) {
        if (!(threshold > 0)) {
            throw new BadInputException("the threshold must be above 0%, got " + threshold * 100 + "%");
        }
        return of(Side.read(baselineDir), Side.read(currentDir), threshold);
    }

    static Comparison of(Side baseline, Side current, double threshold) {
        Map<CaseIdentity, ReportCase> before = CaseIdentity.of(baseline.cases());
        Map<CaseIdentity, ReportCase> after = CaseIdentity.of(current.cases());
        List<CaseDelta> matched = new ArrayList<>();
        List<ReportCase> onlyInCurrent = new ArrayList<>();
        after.forEach((id, c) -> {
            ReportCase b = before.get(id);
            if (b == null) {
                onlyInCurrent.add(c);
            } else {
                matched.add(delta(id, b, c, threshold));
            }
        });
        List<ReportCase> onlyInBaseline = before.entrySet().stream()
                .filter(e -> !after.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        List<ReportCase> notMeasured =
                current.cases().stream().filter(c -> !c.status().measured()).toList();
        return new Comparison(baseline, current, threshold, matched, onlyInBaseline, onlyInCurrent, notMeasured);
    }

    /** True when some matched case regressed: {@code compare} exits 1. */
    public boolean regressed() {
        return matched.stream().anyMatch(CaseDelta::regressed);
    }

    /** The metrics some matched case was compared on, in {@link Metric} order: the columns to show. */
    public List<Metric> metricsShown() {
        return Arrays.stream(Metric.values())
                .filter(m -> matched.stream().anyMatch(d -> d.metrics().stream().anyMatch(x -> x.metric() == m)))
                .toList();
    }

    /** The threshold for people: {@code 10%}. */
    public String thresholdText() {
        return String.format(Locale.ROOT, "%.4g", threshold * 100).replaceAll("\\.?0+$", "") + "%";
    }

    /**
     * Parses a threshold as given on the command line: {@code 10%}, {@code 10} (percent) or
     * {@code 0.1%}.
     *
     * @throws BadInputException when it is not a positive percentage
     */
    public static double parseThreshold(String text) {
        String t = text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        double percent;
        try {
            percent = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new BadInputException("--threshold must be a percentage such as 10%, got '" + text + "'");
        }
        if (!(percent > 0) || Double.isInfinite(percent)) {
            throw new BadInputException("--threshold must be above 0%, got '" + text + "'");
        }
        return percent / 100;
    }

    private static CaseDelta delta(CaseIdentity id, ReportCase baseline, ReportCase current, double threshold) {
        String notCompared = null;
        if (current.status() == ReportStatus.INVALID) {
            notCompared = "INVALID in the current run: " + String.join("; ", current.reasons());
        } else if (baseline.status() == ReportStatus.INVALID) {
            notCompared = "INVALID in the baseline: " + String.join("; ", baseline.reasons());
        }
        List<MetricDelta> metrics = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            Estimate b = metric.of(baseline.summary());
            Estimate c = metric.of(current.summary());
            if (b == null || c == null) {
                continue;
            }
            Double worsening = metric.worsening(b.value(), c.value());
            Verdict verdict;
            if (notCompared != null || worsening == null || Math.abs(worsening) <= threshold) {
                verdict = Verdict.UNCHANGED;
            } else if (worsening < 0) {
                verdict = Verdict.IMPROVED;
            } else {
                verdict = c.significantlyDifferentFrom(b) ? Verdict.REGRESSED : Verdict.NOISE;
            }
            metrics.add(new MetricDelta(metric, b, c, worsening, verdict));
        }
        return new CaseDelta(id, baseline, current, metrics, notCompared);
    }
}
