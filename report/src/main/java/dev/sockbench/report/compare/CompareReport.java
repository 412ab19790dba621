package dev.sockbench.report.compare;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.sockbench.core.result.LatencyLog;
import dev.sockbench.core.result.ResultFiles;
import dev.sockbench.report.cases.Formats;
import dev.sockbench.report.cases.ReportCase;
import dev.sockbench.report.cases.ReportStatus;
import dev.sockbench.report.chart.Charts;
import dev.sockbench.report.chart.Palette;
import dev.sockbench.report.chart.PercentileChart;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code compare.html} and its PNG charts, one self-contained folder: the verdict, a table of
 * every matched case with each metric's baseline, current value and change (regressions marked),
 * the cases not compared and why, and per case the two runs' corrected latency percentile curves
 * overlaid. The page comes from {@code compare.mustache}, which HTML-escapes every value.
 */
public final class CompareReport {
    public static final String FILE = "compare.html";
    static final String BASELINE = "baseline";
    static final String CURRENT = "current";

    private static final Mustache TEMPLATE =
            new DefaultMustacheFactory("dev/sockbench/report/compare").compile("compare.mustache");
    private static final Palette PALETTE = Palette.of(List.of(BASELINE, CURRENT));

    private CompareReport() {}

    /** What the template shows, formatted. */
    record Page(
            String baselineRunId,
            String currentRunId,
            String threshold,
            boolean regressed,
            String verdict,
            List<Header> headers,
            List<Row> rows,
            List<String> notCompared,
            List<Figure> figures) {
        boolean anyNotCompared() {
            return !notCompared.isEmpty();
        }
    }

    record Header(String label) {}

    record Row(String label, String cssClass, List<Cell> cells, String note, int span) {}

    record Cell(String baseline, String current, String change, String cssClass) {}

    record Figure(String file, String alt, String title) {}

    /**
     * Writes {@code outDir/compare.html} and its charts.
     *
     * @return the page
     */
    public static Path write(Comparison c, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Metric> shown = c.metricsShown();
        List<Header> headers = new ArrayList<>();
        for (Metric m : shown) {
            headers.add(new Header(m.label() + " (" + m.unit() + ")"));
        }
        List<Row> rows = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        List<String> written = new ArrayList<>();
        int index = 1;
        for (Comparison.CaseDelta d : c.matched()) {
            Cell[] cells = new Cell[shown.size()];
            Arrays.fill(cells, new Cell(Formats.NONE, Formats.NONE, "", ""));
            for (Comparison.MetricDelta m : d.metrics()) {
                cells[shown.indexOf(m.metric())] = new Cell(
                        m.metric().format(m.baseline().value()),
                        m.metric().format(m.current().value()),
                        m.change(),
                        m.verdict().name().toLowerCase(Locale.ROOT));
            }
            String note = d.regressed()
                    ? "REGRESSED: " + String.join("; ", d.regressions())
                    : d.notCompared() != null ? "not compared: " + d.notCompared() : "";
            rows.add(new Row(
                    d.identity().label(),
                    d.regressed() ? "regressed" : d.notCompared() != null ? "skipped" : "",
                    List.of(cells),
                    note,
                    shown.size() + 1));
            String file = String.format(
                    Locale.ROOT, "compare-%02d-%s.png", index++, d.identity().slug());
            if (chart(d, outDir.resolve(file))) {
                written.add(file);
                figures.add(new Figure(
                        file,
                        "corrected latency percentiles, baseline and current: "
                                + d.identity().label(),
                        d.identity().label()));
            }
        }
        List<String> notCompared = new ArrayList<>();
        c.onlyInBaseline()
                .forEach(r -> notCompared.add("only in the baseline: " + r.caseId() + " (" + r.model() + ")"));
        c.onlyInCurrent()
                .forEach(r -> notCompared.add("only in the current run: " + r.caseId() + " (" + r.model() + ")"));
        c.notMeasured()
                .forEach(r -> notCompared.add("not measured in the current run: " + r.caseId() + " ("
                        + r.status().id() + "): " + String.join("; ", r.reasons())));
        long regressed =
                c.matched().stream().filter(Comparison.CaseDelta::regressed).count();
        String verdict = regressed == 0
                ? "No regression beyond " + c.thresholdText() + " in "
                        + c.matched().size() + " matched cases."
                : regressed + " of " + c.matched().size() + " matched cases regressed beyond " + c.thresholdText()
                        + ".";
        Page view = new Page(
                c.baseline().runId(),
                c.current().runId(),
                c.thresholdText(),
                regressed > 0,
                verdict,
                headers,
                rows,
                notCompared,
                figures);
        StringWriter html = new StringWriter();
        TEMPLATE.execute(html, view).flush();
        Path page = outDir.resolve(FILE);
        ResultFiles.writeAtomically(page, html.toString().getBytes(StandardCharsets.UTF_8));
        Charts.removeStalePngs(outDir, written);
        return page;
    }

    /** Both runs' corrected percentile curves in one chart; false when a side has no readable log. */
    private static boolean chart(Comparison.CaseDelta d, Path file) throws IOException {
        Histogram before = corrected(d.baseline());
        Histogram after = corrected(d.current());
        if (before == null || after == null) {
            return false;
        }
        List<PercentileChart.Line> lines = List.of(
                new PercentileChart.Line(BASELINE, BASELINE + " " + d.baseline().caseId(), before, null),
                new PercentileChart.Line(CURRENT, CURRENT + " " + d.current().caseId(), after, null));
        Charts.writePng(Charts.percentileDistribution(d.identity().label(), lines, PALETTE), file);
        return true;
    }

    private static Histogram corrected(ReportCase c) {
        if (c.status() == ReportStatus.UNREADABLE || !c.hasLatencyLog()) {
            return null;
        }
        try {
            return LatencyLog.readTotals(c.latencyLog()).get(LatencyLog.CORRECTED);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
