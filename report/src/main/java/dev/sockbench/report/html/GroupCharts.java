package dev.sockbench.report.html;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ServerCost;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.CaseStatus;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.CostChart;
import dev.sockbench.report.chart.Palette;
import dev.sockbench.report.chart.PercentileChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Draws one group's charts: the latency percentile distribution (from each case's latency.hlog)
 * and, where the server's cost was measured, its CPU time per request. Only valid cases are
 * drawn; the others are named in {@link Result#notCharted()} with the reason.
 *
 * <p>Cases of the same model in one group (a repeated case) become one line: their histograms
 * are added and their CPU time per request is weighted by their requests; percentiles are
 * never averaged.
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
     * @param notCharted one line per case left out, with the reason
     */
    record Collected(List<PercentileChart.Line> lines, List<CostChart.Bar> bars, List<String> notCharted) {}

    static Result draw(CaseGroup group, Palette palette, Path reportDir) throws IOException {
        Collected data = collect(group);
        List<Page.Image> images = new ArrayList<>();
        if (!data.lines().isEmpty()) {
            String file = "latency-" + group.slug() + ".png";
            Charts.writePng(
                    Charts.percentileDistribution(group.title(), data.lines(), palette), reportDir.resolve(file));
            images.add(new Page.Image(file, "latency percentile distribution per model: " + group.title()));
        }
        if (!data.bars().isEmpty()) {
            String file = "cost-" + group.slug() + ".png";
            Charts.writePng(Charts.costPerRequest(group.title(), data.bars(), palette), reportDir.resolve(file));
            images.add(new Page.Image(file, "server CPU µs per request per model: " + group.title()));
        }
        return new Result(images, data.notCharted());
    }

    static Collected collect(CaseGroup group) {
        List<String> notCharted = new ArrayList<>();
        Map<String, Merged> byModel = new LinkedHashMap<>();
        for (ReportCase c : group.cases()) {
            String name = c.model() + " (" + c.caseId() + ")";
            if (c.status() != CaseStatus.VALID) {
                notCharted.add(name + ": INVALID, " + String.join("; ", c.reasons()));
                continue;
            }
            Merged merged = byModel.computeIfAbsent(c.model(), m -> new Merged());
            merged.addCost(c.summary());
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
                bars.add(new CostChart.Bar(model, m.cpuUs / m.costRequests));
            }
        });
        return new Collected(lines, bars, notCharted);
    }

    /** One model's cases of a group, added up. */
    private static final class Merged {
        Histogram correctedNs;
        Histogram rawNs;
        int latencyCases;
        double cpuUs;
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
            if (server != null && s.requests() > 0) {
                // The summary's own per-request figure, weighted: one case shows exactly what the table does.
                cpuUs += server.cpuUsPerRequest() * s.requests();
                costRequests += s.requests();
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
