package dev.sockbench.report.html;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.core.result.SweepResult;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.cases.Sweeps;
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.CostChart;
import dev.sockbench.report.chart.Palette;
import dev.sockbench.report.chart.PercentileChart;
import dev.sockbench.report.chart.SweepChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Draws one group's charts: for sweeps the sweep curve, then the latency percentile distribution
 * (from each case's latency.hlog) and, where the server's cost was measured, its cost per request.
 * Only valid cases are drawn; the others are named in {@link Result#notCharted()} with the reason.
 *
 * <p>Cases of the same model in one group (a repeated case) become one line: their histograms are
 * added and their cost per request is weighted by their requests; percentiles are never averaged.
 */
final class GroupCharts {
    /**
     * @param files the PNG files written, relative to the report folder
     * @param notCharted one line per case left out, with the reason
     */
    record Result(List<Page.Image> files, List<String> notCharted) {}

    private GroupCharts() {}

    /**
     * What a group's charts show, before drawing.
     *
     * @param lines one latency line per model, repeated cases added up
     * @param bars one cost bar per model whose server cost was measured
     * @param curves one sweep curve per case (sweep groups only)
     * @param notCharted one line per case left out, with the reason
     */
    record Collected(
            List<PercentileChart.Line> lines,
            List<CostChart.Bar> bars,
            List<SweepChart.Curve> curves,
            List<String> notCharted) {}

    static Result draw(CaseGroup group, Palette palette, Path reportDir) throws IOException {
        Collected data = collect(group);
        List<Page.Image> images = new ArrayList<>();
        if (!data.curves().isEmpty()) {
            SweepResult sweep = group.cases().getFirst().summary().sweep(); // the group shares its objective
            String percentile = Percentiles.label(Sweeps.shownPercentile(sweep));
            String file = "sweep-" + group.slug() + ".png";
            Charts.writePng(
                    Charts.sweep(group.title(), percentile, sweep.sloThresholdUs(), data.curves(), palette),
                    reportDir.resolve(file));
            images.add(new Page.Image(file, "sweep: latency against achieved rate per model: " + group.title()));
        }
        if (!data.lines().isEmpty()) {
            // A sweep's log holds its capacity step under the usual tags: each model at its own capacity.
            String title = group.sweep() ? group.title() + " · at each model's capacity" : group.title();
            String file = "latency-" + group.slug() + ".png";
            Charts.writePng(Charts.percentileDistribution(title, data.lines(), palette), reportDir.resolve(file));
            images.add(new Page.Image(file, "latency percentile distribution per model: " + title));
        }
        if (!data.bars().isEmpty()) {
            String file = "cost-" + group.slug() + ".png";
            Charts.writePng(Charts.costPerRequest(group.title(), data.bars(), palette), reportDir.resolve(file));
            images.add(
                    new Page.Image(file, "server CPU µs and context switches per request per model: " + group.title()));
        }
        return new Result(images, data.notCharted());
    }

    static Collected collect(CaseGroup group) {
        List<String> notCharted = new ArrayList<>();
        Map<String, Merged> byModel = new LinkedHashMap<>();
        List<SweepChart.Curve> curves = new ArrayList<>();
        for (ReportCase c : group.cases()) {
            String name = c.model() + " (" + c.caseId() + ")";
            if (c.status() != ReportStatus.VALID) {
                notCharted.add(name + ": INVALID, " + String.join("; ", c.reasons()));
                continue;
            }
            Merged merged = byModel.computeIfAbsent(c.model(), m -> new Merged());
            merged.addCost(c.summary());
            if (c.summary().sweep() != null) {
                curves.add(curve(c, curves));
            }
            if (!c.hasLatencyLog()) {
                notCharted.add(name + ": no latency.hlog");
                continue;
            }
            try {
                Map<String, Histogram> totals = LatencyLog.readTotals(c.latencyLog());
                Histogram corrected = totals.get(LatencyLog.CORRECTED);
                if (corrected == null) {
                    notCharted.add(name + ": latency.hlog has no corrected intervals");
                    continue;
                }
                merged.addLatency(corrected, totals.get(LatencyLog.RAW));
            } catch (IOException | RuntimeException e) {
                notCharted.add(name + ": cannot read latency.hlog: " + e.getMessage());
            }
        }

        List<PercentileChart.Line> lines = new ArrayList<>();
        List<CostChart.Bar> bars = new ArrayList<>();
        byModel.forEach((model, m) -> {
            if (m.correctedNs != null) {
                String label = m.latencyCases > 1 ? model + " (" + m.latencyCases + " cases added)" : model;
                // Equal histograms (a closed loop) would draw one line over the other.
                Histogram raw = m.rawNs == null || m.rawNs.equals(m.correctedNs) ? null : m.rawNs;
                lines.add(new PercentileChart.Line(model, label, m.correctedNs, raw));
            }
            if (m.costRequests > 0) {
                bars.add(new CostChart.Bar(model, m.cpuUs / m.costRequests, m.ctxSwitches / m.costRequests));
            }
        });
        return new Collected(lines, bars, curves, notCharted);
    }

    /** A sweep case's steps, by target rate; labelled by model, or by case when the model repeats. */
    private static SweepChart.Curve curve(ReportCase c, List<SweepChart.Curve> before) {
        SweepResult sweep = c.summary().sweep();
        double percentile = Sweeps.shownPercentile(sweep);
        List<SweepChart.Step> steps = sweep.steps().stream()
                .sorted(Comparator.comparingDouble(SweepResult.SweepStep::targetRatePerSec))
                .map(s -> new SweepChart.Step(
                        s.achievedRatePerSec(), s.latencyUs().corrected().at(percentile), s.good()))
                .toList();
        boolean repeated = before.stream().anyMatch(curve -> curve.model().equals(c.model()));
        return new SweepChart.Curve(c.model(), repeated ? c.model() + " (" + c.caseId() + ")" : c.model(), steps);
    }

    /** One model's cases of a group, added up. */
    private static final class Merged {
        Histogram correctedNs;
        Histogram rawNs;
        int latencyCases;
        double cpuUs;
        double ctxSwitches;
        long costRequests;

        void addLatency(Histogram corrected, Histogram raw) {
            correctedNs = add(correctedNs, corrected);
            if (raw != null) {
                rawNs = add(rawNs, raw);
            }
            latencyCases++;
        }

        void addCost(CaseSummary s) {
            ServerCost server = s.server();
            long requests = s.measuredIntervalRequests(); // the divisor of the per-request figures
            // Left out when the server did not report its CPU time and switches.
            if (server != null && server.cpuUsPerRequest() != null && requests > 0) {
                // The summary's own per-request figure, weighted: one case shows exactly what the table does.
                cpuUs += server.cpuUsPerRequest() * requests;
                ctxSwitches += server.ctxSwitchesPerRequest() * requests;
                costRequests += requests;
            }
        }

        private static Histogram add(Histogram total, Histogram more) {
            if (total == null) {
                return more.copy();
            }
            total.add(more);
            return total;
        }
    }
}
