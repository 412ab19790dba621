package dev.sockbench.report.html;

import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.HandlerChart;
import dev.sockbench.report.chart.Palette;
import dev.sockbench.report.compare.Estimate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handlers: groups whose loads are equal but for what the server does with each request (echo,
 * json, protobuf, CPU or blocking work, offload) form a family, as {@link Scaling}'s do along a
 * dimension of the load. A family of at least two handlings gets two charts: each model's capacity
 * (or rate) per handling, and the server's CPU per request split into the I/O (the model's echo
 * case) and what the handler added. Valid cases only.
 */
final class Handlers {
    private static final String ECHO = "echo";

    private Handlers() {}

    /**
     * One family.
     *
     * @param key the load the groups share, handling left out
     * @param handlings the handling labels, in run order
     * @param cases each model's valid case per handling label, models in run order
     */
    record Family(CaseGroup.Key key, List<String> handlings, Map<String, Map<String, ReportCase>> cases) {}

    static List<Page.Image> draw(List<CaseGroup> groups, Palette palette, Path reportDir) throws IOException {
        List<Page.Image> images = new ArrayList<>();
        for (Family f : families(groups)) {
            String slug = "handlers-" + f.key().slug();
            boolean capacity = f.key().slo() != null;
            String valueLabel = capacity ? "capacity (req/s)" : "rate (req/s)";
            List<HandlerChart.Line> lines = new ArrayList<>();
            f.cases().forEach((model, byHandling) -> {
                Map<String, Double> values = new LinkedHashMap<>();
                byHandling.forEach((h, c) -> {
                    Estimate v = c.rankValue();
                    values.put(h, v == null ? null : v.value());
                });
                lines.add(new HandlerChart.Line(model, values));
            });
            String file = slug + ".png";
            Charts.writePng(
                    Charts.handlerCapacity(
                            valueLabel + " per handler: " + f.key().title(), valueLabel, f.handlings(), lines, palette),
                    reportDir.resolve(file));
            images.add(new Page.Image(
                    file, valueLabel + " of each model per handler: " + f.key().title()));

            List<HandlerChart.CpuSplit> splits = cpuSplits(f);
            if (!splits.isEmpty()) {
                String cpuFile = slug + "-cpu.png";
                Charts.writePng(
                        Charts.handlerCpu(
                                "server CPU per request, I/O and handler: "
                                        + f.key().title(),
                                f.handlings(),
                                splits,
                                palette),
                        reportDir.resolve(cpuFile));
                images.add(new Page.Image(
                        cpuFile,
                        "server CPU per request of each model per handler, split into the I/O (its echo case) and"
                                + " the handler's work: " + f.key().title()));
            }
        }
        return images;
    }

    static List<Family> families(List<CaseGroup> groups) {
        Map<CaseGroup.Key, List<CaseGroup>> byFamily = new LinkedHashMap<>();
        for (CaseGroup g : groups) {
            byFamily.computeIfAbsent(g.key().withHandling(null), k -> new ArrayList<>())
                    .add(g);
        }
        List<Family> families = new ArrayList<>();
        for (var e : byFamily.entrySet()) {
            List<String> handlings = new ArrayList<>();
            Map<String, Map<String, ReportCase>> cases = new LinkedHashMap<>();
            for (CaseGroup g : e.getValue()) {
                String handling = g.key().handling() == null ? ECHO : g.key().handling();
                handlings.add(handling);
                for (ReportCase c : g.cases()) {
                    if (c.status() == ReportStatus.VALID) {
                        cases.computeIfAbsent(c.model(), m -> new LinkedHashMap<>())
                                .put(handling, c);
                    }
                }
            }
            if (handlings.size() >= 2 && !cases.isEmpty()) {
                families.add(new Family(e.getKey(), handlings, cases));
            }
        }
        return families;
    }

    /** Per model with a measured echo case: its CPU per request (the I/O) and what each handler added. */
    static List<HandlerChart.CpuSplit> cpuSplits(Family f) {
        List<HandlerChart.CpuSplit> splits = new ArrayList<>();
        f.cases().forEach((model, byHandling) -> {
            Double io = cpuPerRequest(byHandling.get(ECHO));
            if (io == null) {
                return;
            }
            byHandling.forEach((h, c) -> {
                Double total = cpuPerRequest(c);
                if (total != null) {
                    splits.add(new HandlerChart.CpuSplit(model, h, io, Math.max(0, total - io)));
                }
            });
        });
        return splits;
    }

    private static Double cpuPerRequest(ReportCase c) {
        return c == null || c.summary().server() == null
                ? null
                : c.summary().server().cpuUsPerRequest();
    }
}
