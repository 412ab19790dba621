package dev.sockbench.report.html;

import dev.sockbench.core.result.GcPauses;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.Percentiles;
import dev.sockbench.report.cases.CaseGroup;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.Palette;
import dev.sockbench.report.chart.TimelineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The latency over time of each valid case of a group: p99 and completed requests per second from
 * its {@code latency.hlog} (a sweep's: its capacity step, kept under the usual tags), the server's
 * GC pauses from its {@code gc.log} marked where they ended. A case whose log cannot be read is
 * left out; {@link GroupCharts} already names it.
 */
final class Timelines {
    private static final double NS_PER_US = 1_000.0;
    private static final double MS_PER_SEC = 1_000.0;

    private Timelines() {}

    static List<Page.Image> draw(CaseGroup group, Palette palette, Path reportDir) throws IOException {
        List<Page.Image> images = new ArrayList<>();
        int index = 0;
        for (ReportCase c : group.cases()) {
            index++;
            if (c.status() != ReportStatus.VALID || !c.hasLatencyLog()) {
                continue;
            }
            Case data;
            try {
                data = read(c);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (data.seconds().isEmpty()) {
                continue;
            }
            String file = "timeline-" + group.slug() + "-" + index + ".png";
            String title = c.model() + " · case " + c.caseId() + (group.sweep() ? " · at its capacity" : "");
            Charts.writePng(
                    Charts.timeline(title, palette.color(c.model()), data.lengthSec(), data.seconds(), data.pauses()),
                    reportDir.resolve(file),
                    TimelineChart.WIDTH_PX,
                    TimelineChart.HEIGHT_PX);
            images.add(new Page.Image(
                    file,
                    "latency over time: corrected p99 and completed requests per second, GC pauses marked: " + title));
        }
        return images;
    }

    /**
     * One case's seconds and its server's pauses within them.
     *
     * @param lengthSec from the first interval's start to the last one's end
     */
    record Case(double lengthSec, List<TimelineChart.Second> seconds, List<TimelineChart.Pause> pauses) {}

    static Case read(ReportCase c) throws IOException {
        List<Histogram> corrected = LatencyLog.readIntervals(c.latencyLog(), LatencyLog.CORRECTED);
        List<Histogram> raw = LatencyLog.readIntervals(c.latencyLog(), LatencyLog.RAW);
        if (corrected.isEmpty()) {
            return new Case(0, List.of(), List.of());
        }
        long startMs = corrected.getFirst().getStartTimeStamp();
        long endMs = corrected.getLast().getEndTimeStamp();
        List<TimelineChart.Second> seconds = new ArrayList<>();
        for (int i = 0; i < corrected.size(); i++) {
            Histogram h = corrected.get(i);
            // The raw histogram holds the echoes only: what completed.
            Histogram echoes = i < raw.size() ? raw.get(i) : h;
            double lengthSec = Math.max(1, h.getEndTimeStamp() - h.getStartTimeStamp()) / MS_PER_SEC;
            double middleSec = ((h.getStartTimeStamp() + h.getEndTimeStamp()) / 2.0 - startMs) / MS_PER_SEC;
            Double p99 = p99Us(h);
            Double rawP99 = i < raw.size() ? p99Us(raw.get(i)) : null;
            seconds.add(new TimelineChart.Second(
                    middleSec,
                    echoes.getTotalCount() / lengthSec,
                    p99,
                    rawP99 != null && rawP99.equals(p99) ? null : rawP99));
        }
        List<TimelineChart.Pause> pauses = new ArrayList<>();
        if (Files.isRegularFile(c.gcLog())) {
            for (GcPauses.Pause p : GcPauses.pauses(c.gcLog())) {
                if (p.endEpochMs() >= startMs && p.endEpochMs() <= endMs) {
                    pauses.add(new TimelineChart.Pause((p.endEpochMs() - startMs) / MS_PER_SEC, p.durationUs()));
                }
            }
        }
        return new Case((endMs - startMs) / MS_PER_SEC, seconds, pauses);
    }

    /** The interval's p99, µs; null when too few requests measure it. */
    private static Double p99Us(Histogram h) {
        return Percentiles.measurable(h.getTotalCount(), 99.0) ? h.getValueAtPercentile(99.0) / NS_PER_US : null;
    }
}
