package dev.sockbench.report.html;

import dev.sockbench.core.result.SweepResult;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.Formats;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.chart.AnswerChart;
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.Palette;
import dev.sockbench.report.compare.Estimate;
import dev.sockbench.report.compare.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's first screen: per transport, the models ranked, the best marked. A transport with a
 * sweep is ranked by capacity within the objective (its first sweep group); otherwise by the rate
 * served in the group with the most valid cases, the better p99 first among equal rates (trial
 * medians when the cases ran trials). A model whose rank value is not significantly different from
 * the one ranked above it ({@link Estimate}: both with 95% intervals over their trials, overlapping)
 * shares its rank, shown as {@code =}, and whiskers show the intervals in the chart; single
 * measurements never tie. Where the group has a valid native reference case, each model's share
 * of its value. INVALID cases are listed last, unranked.
 */
final class Answer {
    private Answer() {}

    static List<Page.TransportAnswer> of(List<CaseGroup> groups, Palette palette, Path reportDir, List<String> written)
            throws IOException {
        Map<String, List<CaseGroup>> byTransport = new LinkedHashMap<>();
        for (CaseGroup g : groups) {
            byTransport
                    .computeIfAbsent(g.cases().getFirst().transport(), t -> new ArrayList<>())
                    .add(g);
        }
        List<Page.TransportAnswer> answers = new ArrayList<>();
        for (var e : byTransport.entrySet()) {
            answers.add(answer(e.getKey(), chosen(e.getValue()), palette, reportDir, written));
        }
        return answers;
    }

    /** The group that answers for a transport: its first sweep, else the one with most valid cases. */
    private static CaseGroup chosen(List<CaseGroup> groups) {
        return groups.stream().filter(CaseGroup::sweep).findFirst().orElseGet(() -> groups.stream()
                .max(Comparator.comparingLong(Answer::validCount))
                .orElseThrow());
    }

    private static long validCount(CaseGroup g) {
        return g.cases().stream().filter(c -> c.status() == ReportStatus.VALID).count();
    }

    private static Page.TransportAnswer answer(
            String transport, CaseGroup group, Palette palette, Path reportDir, List<String> written)
            throws IOException {
        Metric by = group.sweep() ? Metric.CAPACITY : Metric.RATE;
        List<ReportCase> valid = group.cases().stream()
                .filter(c -> c.status() == ReportStatus.VALID)
                .sorted(Comparator.comparingDouble((ReportCase c) -> -value(c)).thenComparingDouble(Answer::p99))
                .toList();
        List<Page.AnswerRow> rows = new ArrayList<>();
        int rank = 0;
        Estimate previous = null;
        for (int i = 0; i < valid.size(); i++) {
            ReportCase c = valid.get(i);
            Estimate est = c.rankValue();
            boolean tie = previous != null && est != null && !est.significantlyDifferentFrom(previous);
            if (!tie) {
                rank = i + 1;
            }
            previous = est;
            rows.add(row(c, by, (tie ? "=" : "") + rank, rank == 1));
        }
        group.cases().stream()
                .filter(c -> c.status() != ReportStatus.VALID)
                .forEach(c -> rows.add(row(c, by, "–", false)));

        Page.Image chart = null;
        if (!valid.isEmpty()) {
            String file = "answer-" + group.slug() + ".png";
            List<AnswerChart.Bar> bars = valid.stream()
                    .map(c -> {
                        Estimate e = c.rankValue();
                        return new AnswerChart.Bar(
                                c.model(),
                                Math.max(0, value(c)),
                                c.summary().server() == null
                                                || c.summary().server().cpuUsPerRequest() == null
                                        ? 0
                                        : c.summary().server().cpuUsPerRequest(),
                                e == null ? null : e.low(),
                                e == null ? null : e.high());
                    })
                    .toList();
            String label = by == Metric.CAPACITY ? "capacity (req/s)" : "rate (req/s)";
            Charts.writePng(
                    Charts.answer(transport, label, bars, palette),
                    reportDir.resolve(file),
                    AnswerChart.WIDTH_PX,
                    AnswerChart.HEIGHT_PX);
            written.add(file);
            chart = new Page.Image(
                    file,
                    transport + ": " + label + " and server CPU per request, per model"
                            + (valid.stream()
                                            .anyMatch(c -> c.rankValue() != null
                                                    && c.rankValue().hasInterval())
                                    ? ", whiskers: 95% interval over the trials"
                                    : ""));
        }
        String basis = by == Metric.CAPACITY
                ? "by capacity within "
                        + group.cases().getFirst().summary().sweep().slo()
                : "by rate, then p99";
        return new Page.TransportAnswer(
                transport,
                basis,
                group.slug(),
                group.title(),
                by == Metric.CAPACITY ? "capacity" : "rate",
                rows,
                rows.stream().anyMatch(r -> !r.ofNative().equals(Formats.NONE)),
                chart);
    }

    private static Page.AnswerRow row(ReportCase c, Metric by, String rank, boolean best) {
        Estimate value = c.rankValue();
        Double cpu = c.summary().server() == null ? null : c.summary().server().cpuUsPerRequest();
        boolean invalid = c.status() != ReportStatus.VALID;
        return new Page.AnswerRow(
                rank,
                c.model(),
                c.caseId(),
                value != null ? atLeast(c, by) + by.format(value.value()) : below(c, by),
                value == null || !value.hasInterval()
                        ? ""
                        : "median of " + c.summary().trials().measured() + " trials, 95% interval "
                                + by.format(value.low()) + "–" + by.format(value.high()),
                Formats.micros(c.summary().latencyUs().corrected().p99()),
                Formats.ratio(cpu),
                Formats.share(c.ofNative()),
                best,
                invalid ? "invalid" : best ? "best" : "",
                invalid ? "INVALID: " + String.join("; ", c.reasons()) : "");
    }

    /** A case with no value: "< x" when a capacity search found none below its lowest step x. */
    private static String below(ReportCase c, Metric by) {
        SweepResult sweep = c.summary().sweep();
        return by == Metric.CAPACITY && sweep != null ? Formats.capacity(sweep, by::format) : "none";
    }

    /** "≥ " before a capacity that is only a lower bound (the generator's ceiling), else "". */
    private static String atLeast(ReportCase c, Metric by) {
        SweepResult sweep = c.summary().sweep();
        return by == Metric.CAPACITY && sweep != null && sweep.capacityIsLowerBound() ? "≥ " : "";
    }

    private static double value(ReportCase c) {
        Estimate e = c.rankValue();
        return e == null ? -1 : e.value();
    }

    private static double p99(ReportCase c) {
        Double p = c.summary().latencyUs().corrected().p99();
        return p == null ? Double.MAX_VALUE : p;
    }
}
