package dev.sockbench.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One case's measured interval second by second: its corrected p99 (and raw, dashed, when it
 * differs) above, the requests completed per second below, and each of the server's GC pauses as
 * a vertical line where it ended, so a latency spike and the pause behind it line up.
 */
public final class TimelineChart {
    public static final int WIDTH_PX = 960;
    /** Lower than the other charts: a report holds one per case. */
    public static final int HEIGHT_PX = 400;

    private static final Color PAUSE_COLOR = new Color(0xB0, 0x00, 0x20);
    private static final BasicStroke PAUSE_STROKE =
            new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f, new float[] {3.0f, 3.0f}, 0.0f);
    private static final BasicStroke SOLID = new BasicStroke(2.0f);
    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f, new float[] {6.0f, 4.0f}, 0.0f);

    /**
     * One interval of the log (a second).
     *
     * @param offsetSec its middle, seconds from the start of the first interval
     * @param completedPerSec requests completed in it per second
     * @param p99Us corrected p99, µs; null when too few requests measure it
     * @param rawP99Us raw p99, µs; null when too few, or when it equals the corrected one
     */
    public record Second(double offsetSec, double completedPerSec, Double p99Us, Double rawP99Us) {}

    /**
     * A stop-the-world GC pause of the server.
     *
     * @param offsetSec when it ended, seconds from the start of the first interval
     * @param durationUs how long it lasted, µs
     */
    public record Pause(double offsetSec, double durationUs) {}

    private TimelineChart() {}

    static JFreeChart create(String title, Color color, double lengthSec, List<Second> seconds, List<Pause> pauses) {
        XYSeries corrected = new XYSeries("corrected p99", false, true);
        XYSeries raw = new XYSeries("raw p99", false, true);
        XYSeries completed = new XYSeries("completed", false, true);
        double minUs = Double.MAX_VALUE;
        double maxUs = 0;
        for (Second s : seconds) {
            completed.add(s.offsetSec(), s.completedPerSec());
            for (var pair : List.of(new Object[] {corrected, s.p99Us()}, new Object[] {raw, s.rawP99Us()})) {
                Double us = (Double) pair[1];
                if (us != null && us > 0) { // a log axis cannot show 0
                    ((XYSeries) pair[0]).add(s.offsetSec(), us);
                    minUs = Math.min(minUs, us);
                    maxUs = Math.max(maxUs, us);
                }
            }
        }
        XYSeriesCollection latency = new XYSeriesCollection(corrected);
        if (raw.getItemCount() > 0) {
            latency.addSeries(raw);
        }
        XYLineAndShapeRenderer latencyLines = new XYLineAndShapeRenderer(true, true);
        latencyLines.setSeriesPaint(0, color);
        latencyLines.setSeriesStroke(0, SOLID);
        latencyLines.setSeriesPaint(1, color);
        latencyLines.setSeriesStroke(1, DASHED);
        LatencyAxis latencyAxis = new LatencyAxis("p99 (µs, log)");
        if (maxUs > 0) {
            latencyAxis.fit(minUs, maxUs);
        }
        XYPlot top = new XYPlot(latency, null, latencyAxis, latencyLines);

        XYLineAndShapeRenderer rateLine = new XYLineAndShapeRenderer(true, true);
        rateLine.setSeriesPaint(0, color);
        rateLine.setSeriesStroke(0, SOLID);
        NumberAxis rateAxis = new NumberAxis("completed (req/s)");
        rateAxis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        rateAxis.setAutoRangeIncludesZero(true);
        XYPlot bottom = new XYPlot(new XYSeriesCollection(completed), null, rateAxis, rateLine);

        NumberAxis time = new NumberAxis("seconds into the measured interval");
        time.setRange(0, Math.max(lengthSec, 0.001));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(10.0);
        plot.add(top, 3);
        plot.add(bottom, 2);
        Pause longest = pauses.stream()
                .max(java.util.Comparator.comparingDouble(Pause::durationUs))
                .orElse(null);
        for (XYPlot panel : List.of(top, bottom)) {
            panel.setDomainGridlinePaint(Charts.GRID);
            panel.setRangeGridlinePaint(Charts.GRID);
            panel.setBackgroundPaint(Color.WHITE);
            for (Pause p : pauses) {
                ValueMarker marker = new ValueMarker(p.offsetSec(), PAUSE_COLOR, PAUSE_STROKE);
                if (p == longest && panel == top) {
                    marker.setLabel("GC pause " + new DecimalFormat("#,##0.#").format(p.durationUs() / 1000) + " ms");
                    marker.setLabelFont(Charts.SUBTITLE_FONT);
                    marker.setLabelPaint(PAUSE_COLOR);
                    marker.setLabelBackgroundColor(Color.WHITE);
                    // the label reads away from the nearer edge, so it is never cut off
                    boolean late = p.offsetSec() > lengthSec / 2;
                    marker.setLabelAnchor(late ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
                    marker.setLabelTextAnchor(late ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
                }
                panel.addDomainMarker(marker);
            }
        }
        JFreeChart chart = new JFreeChart(title, Charts.SUBTITLE_FONT, plot, false);
        chart.addSubtitle(new TextTitle(
                "per second · "
                        + (corrected.getItemCount() == 0
                                ? "no p99: fewer than 1,000 requests a second"
                                : "solid: corrected p99")
                        + (raw.getItemCount() > 0 ? ", dashed: raw p99" : "")
                        + (pauses.isEmpty()
                                ? " · no GC pause of the server in the interval"
                                : " · red dotted: the server's GC pauses (" + pauses.size() + ")"),
                Charts.SUBTITLE_FONT));
        Charts.style(chart, plot);
        chart.getTitle().setFont(Charts.SUBTITLE_FONT.deriveFont(java.awt.Font.BOLD));
        return chart;
    }
}
