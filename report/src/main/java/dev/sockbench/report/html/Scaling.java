package dev.sockbench.report.html;

import dev.sockbench.core.result.CaseSummary;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.Palette;
import dev.sockbench.report.chart.ScalingChart;
import dev.sockbench.report.compare.Estimate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Connection and payload scaling: groups whose loads are equal but for their idle connections
 * (the {@code idle} shape at 10, 1,000, 10,000) or their payload (64 B to 64 KiB) form a family;
 * a family with at least two values gets a chart of each model's valid cases against that value:
 * p99 with the server's memory per connection, or p99 with the rate (or capacity) served.
 */
final class Scaling {
    private Scaling() {}

    /**
     * One family of groups along one axis.
     *
     * @param title the load they share, for people
     * @param lines one line per model
     */
    record Family(ScalingChart.Axis axis, String slug, String title, List<ScalingChart.Line> lines) {}

    static List<Page.Image> draw(List<CaseGroup> groups, Palette palette, Path reportDir) throws IOException {
        List<Page.Image> images = new ArrayList<>();
        for (Family f : families(groups)) {
            String file = "scaling-" + f.slug() + ".png";
            Charts.writePng(Charts.scaling(f.title(), f.axis(), f.lines(), palette), reportDir.resolve(file));
            images.add(new Page.Image(
                    file,
                    (f.axis() == ScalingChart.Axis.PAYLOAD ? "payload scaling" : "connection scaling")
                            + ": corrected p99 and " + f.axis().secondLabel() + " per model: " + f.title()));
        }
        return images;
    }

    static List<Family> families(List<CaseGroup> groups) {
        List<Family> families = new ArrayList<>();
        families.addAll(along(
                groups,
                ScalingChart.Axis.IDLE_CONNECTIONS,
                g -> g.key().idleConnections() == null ? null : g.key().withIdleConnections(null),
                g -> g.key().idleConnections(),
                s -> s.server() == null || s.server().rssBytesPerConnection() == null
                        ? null
                        : s.server().rssBytesPerConnection() / 1024));
        families.addAll(along(
                groups,
                ScalingChart.Axis.PAYLOAD,
                g -> g.key().withPayloadBytes(0),
                g -> g.key().payloadBytes(),
                null));
        return families;
    }

    /**
     * The families along one axis.
     *
     * @param family a group's load without the varying value; null when the group has none
     * @param value the group's varying value
     * @param second the figure drawn below the p99; null for what the case carried (rate or capacity)
     */
    private static List<Family> along(
            List<CaseGroup> groups,
            ScalingChart.Axis axis,
            Function<CaseGroup, CaseGroup.Key> family,
            Function<CaseGroup, Integer> value,
            Function<CaseSummary, Double> second) {
        Map<CaseGroup.Key, List<CaseGroup>> byFamily = new LinkedHashMap<>();
        for (CaseGroup g : groups) {
            CaseGroup.Key k = family.apply(g);
            if (k != null) {
                byFamily.computeIfAbsent(k, x -> new ArrayList<>()).add(g);
            }
        }
        List<Family> families = new ArrayList<>();
        for (var e : byFamily.entrySet()) {
            if (e.getValue().stream().map(value).distinct().count() < 2) {
                continue;
            }
            Map<String, List<ScalingChart.Point>> byModel = new LinkedHashMap<>();
            for (CaseGroup g : e.getValue()) {
                for (ReportCase c : g.cases()) {
                    if (c.status() != ReportStatus.VALID) {
                        continue;
                    }
                    Estimate carried = c.rankValue();
                    Double below =
                            second != null ? second.apply(c.summary()) : carried == null ? null : carried.value();
                    byModel.computeIfAbsent(c.model(), m -> new ArrayList<>())
                            .add(new ScalingChart.Point(
                                    value.apply(g),
                                    c.summary().latencyUs().corrected().p99(),
                                    below));
                }
            }
            if (byModel.isEmpty()) {
                continue;
            }
            List<ScalingChart.Line> lines = byModel.entrySet().stream()
                    .map(m -> new ScalingChart.Line(m.getKey(), m.getKey(), m.getValue()))
                    .toList();
            String slug = (axis == ScalingChart.Axis.PAYLOAD ? "payload-" : "idle-")
                    + e.getKey().slug();
            families.add(new Family(axis, slug, e.getKey().title(), lines));
        }
        return families;
    }
}
