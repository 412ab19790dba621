package dev.sockbench.report.junit;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.RunResult;
import dev.sockbench.report.cases.Formats;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.compare.Comparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JUnit XML of {@code run --junit} and {@code compare --junit}: one test case per case.
 *
 * <ul>
 *   <li>A run: passed when valid (and, for a sweep, some rate met its objective); failed when
 *       INVALID or when a sweep met its objective at no rate; error when the case failed or its
 *       summary is unreadable; skipped when not run.
 *   <li>A comparison: one per case of the current run. Failed when a metric regressed; skipped
 *       when not compared (INVALID on a side, not measured, or absent from the baseline); cases
 *       of the baseline only are skipped test cases too, so that they show.
 * </ul>
 */
public final class JUnitReports {
    private JUnitReports() {}

    /** The run's cases as test cases. */
    public static JUnitXml ofRun(RunResult run, Path runDir) {
        List<JUnitXml.TestCase> tests = new ArrayList<>();
        for (ReportCase c : ReportCase.loadAll(run, runDir)) {
            String reasons = String.join("; ", c.reasons());
            JUnitXml.TestCase test =
                    switch (c.status()) {
                        case VALID -> objective(c);
                        case INVALID -> test(c, JUnitXml.Outcome.FAILED, "INVALID: " + reasons, checked(c));
                        case FAILED, UNREADABLE ->
                            test(c, JUnitXml.Outcome.ERROR, c.status().id() + ": " + reasons, "");
                        case SKIPPED, PENDING ->
                            test(c, JUnitXml.Outcome.SKIPPED, c.status().id() + ": " + reasons, "");
                    };
            tests.add(test);
        }
        return new JUnitXml("sockbench run " + run.runId(), tests);
    }

    /** The comparison's cases as test cases. */
    public static JUnitXml ofComparison(Comparison comparison) {
        List<JUnitXml.TestCase> tests = new ArrayList<>();
        for (Comparison.CaseDelta d : comparison.matched()) {
            StringBuilder out = new StringBuilder();
            for (Comparison.MetricDelta m : d.metrics()) {
                out.append(m.metric().label())
                        .append(": ")
                        .append(m.metric().format(m.baseline().value()))
                        .append(" → ")
                        .append(m.metric().format(m.current().value()))
                        .append(' ')
                        .append(m.metric().unit())
                        .append(" (")
                        .append(m.change())
                        .append(", ")
                        .append(m.verdict().name().toLowerCase(java.util.Locale.ROOT))
                        .append(")\n");
            }
            JUnitXml.Outcome outcome;
            String message;
            if (d.notCompared() != null) {
                outcome = JUnitXml.Outcome.SKIPPED;
                message = "not compared: " + d.notCompared();
            } else if (d.regressed()) {
                outcome = JUnitXml.Outcome.FAILED;
                message = "regressed beyond " + comparison.thresholdText() + ": " + String.join("; ", d.regressions());
            } else {
                outcome = JUnitXml.Outcome.PASSED;
                message = "";
            }
            tests.add(test(d.current(), outcome, message, out.toString()));
        }
        for (ReportCase c : comparison.onlyInCurrent()) {
            tests.add(test(c, JUnitXml.Outcome.SKIPPED, "not in the baseline run: nothing to compare", ""));
        }
        for (ReportCase c : comparison.onlyInBaseline()) {
            tests.add(test(c, JUnitXml.Outcome.SKIPPED, "measured in the baseline only", ""));
        }
        for (ReportCase c : comparison.notMeasured()) {
            tests.add(test(
                    c,
                    JUnitXml.Outcome.SKIPPED,
                    "not measured in the current run (" + c.status().id() + "): " + String.join("; ", c.reasons()),
                    ""));
        }
        return new JUnitXml(
                "sockbench compare " + comparison.baseline().runId() + " → "
                        + comparison.current().runId(),
                tests);
    }

    private static JUnitXml.TestCase objective(ReportCase c) {
        CaseSummary s = c.summary();
        if (s.sweep() != null && s.sweep().capacityPerSec() == null) {
            return test(
                    c,
                    JUnitXml.Outcome.FAILED,
                    "no rate met the objective " + s.sweep().slo(),
                    checked(c));
        }
        return test(c, JUnitXml.Outcome.PASSED, "", checked(c));
    }

    /** What the case measured against what it was asked: its objective, rate and p99. */
    private static String checked(ReportCase c) {
        CaseSummary s = c.summary();
        StringBuilder out = new StringBuilder();
        if (s.sweep() != null) {
            out.append("objective ")
                    .append(s.sweep().slo())
                    .append(": capacity ")
                    .append(Formats.capacity(s.sweep(), Formats::rate))
                    .append(" req/s\n");
        }
        if (s.load().targetRatePerSec() != null) {
            out.append("target ")
                    .append(Formats.rate(s.load().targetRatePerSec()))
                    .append(" req/s\n");
        }
        out.append("achieved ")
                .append(Formats.rate(s.load().achievedRatePerSec()))
                .append(" req/s\n");
        out.append("corrected p99 ")
                .append(Formats.micros(s.latencyUs().corrected().p99()))
                .append(" µs\n");
        return out.toString();
    }

    private static JUnitXml.TestCase test(ReportCase c, JUnitXml.Outcome outcome, String message, String output) {
        return new JUnitXml.TestCase(
                "sockbench." + c.transport(), c.caseId() + " (" + c.model() + ")", outcome, message, output);
    }
}
