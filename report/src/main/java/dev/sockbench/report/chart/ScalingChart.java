package dev.sockbench.report.chart;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * How models scale along one dimension of the load, everything else equal: their corrected p99
 * above and a second figure below, against idle connections (with the server's memory per
 * connection) or payload size (with the rate served), both on log scales, one line per model.
 */
public final class ScalingChart {
    private static final BasicStroke LINE = new BasicStroke(2.0f);
    private static final double POINT_PX = 8.0;

    /** What varies along x, and the figure drawn below the p99. */
    public enum Axis {
        IDLE_CONNECTIONS(
                "idle connections (log scale)",
                "server RSS per connection (KiB)",
                "#,##0.#",
                "the idle connections held beside it"),
        PAYLOAD("payload (bytes, log scale)", "rate (req/s)", "#,##0", "the payload"),
        /** The claims page: descriptors a server watches, against what a request costs it. */
        DESCRIPTORS(
                "descriptors watched: idle connections (log scale)",
                "server CPU per request (µs)",
                "#,##0.#",
                "the idle connections held beside it"),
        /** The claims page: active connections in a closed loop, against what a request costs. */
        ACTIVE_CONNECTIONS(
                "active connections, closed loop (log scale)",
                "server CPU per request (µs)",
                "#,##0.#",
                "the number of connections");

        final String label;
        final String secondLabel;
        final String secondFormat;
        final String varies;

        Axis(String label, String secondLabel, String secondFormat, String varies) {
            this.label = label;
            this.secondLabel = secondLabel;
            this.secondFormat = secondFormat;
            this.varies = varies;
        }

        /** The figure below the p99, for people. */
        public String secondLabel() {
            return secondLabel;
        }
    }

    /**
     * One case.
     *
     * @param x idle connections or payload bytes
     * @param p99Us corrected p99, µs; null when not measured
     * @param second the figure below, in {@link Axis#secondLabel}'s unit; null when not measured
     */
    public record Point(double x, Double p99Us, Double second) {}

    /**
     * One model's cases, by x.
     *
     * @param model the model id (picks the colour)
     * @param label the legend text
     */
    public record Line(String model, String label, List<Point> points) {}

    private ScalingChart() {}

    static JFreeChart create(String title, Axis axis, List<Line> lines, Palette palette) {
        XYSeriesCollection latency = new XYSeriesCollection();
        XYSeriesCollection second = new XYSeriesCollection();
        double minUs = Double.MAX_VALUE;
        double maxUs = 0;
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        for (Line line : lines) {
            XYSeries p99 = new XYSeries(line.label(), true, true);
            XYSeries below = new XYSeries(line.label(), true, true);
            for (Point p : line.points()) {
                if (p.x() <= 0) {
                    continue; // a log axis cannot show 0
                }
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                if (p.p99Us() != null && p.p99Us() > 0) {
                    p99.add(p.x(), p.p99Us());
                    minUs = Math.min(minUs, p.p99Us());
                    maxUs = Math.max(maxUs, p.p99Us());
                }
                if (p.second() != null) {
                    below.add(p.x(), p.second());
                }
            }
            latency.addSeries(p99);
            second.addSeries(below);
        }
        LatencyAxis latencyAxis = new LatencyAxis("corrected p99 (µs, log)");
        if (maxUs > 0) {
            latencyAxis.fit(minUs, maxUs);
        }
        NumberAxis secondAxis = new NumberAxis(axis.secondLabel);
        secondAxis.setNumberFormatOverride(new DecimalFormat(axis.secondFormat));
        secondAxis.setAutoRangeIncludesZero(true);
        XYPlot top = new XYPlot(latency, null, latencyAxis, renderer(lines, palette, true));
        XYPlot bottom = new XYPlot(second, null, secondAxis, renderer(lines, palette, false));

        LogAxis x = new LogAxis(axis.label);
        x.setNumberFormatOverride(new DecimalFormat("#,##0"));
        if (maxX > 0) {
            x.setRange(minX / 1.5, maxX * 1.5);
        }
        x.setTickUnit(new NumberTickUnit(1.0)); // one label per power of ten
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(10.0);
        plot.add(top, 1);
        plot.add(bottom, 1);
        for (XYPlot panel : List.of(top, bottom)) {
            panel.setDomainGridlinePaint(Charts.GRID);
            panel.setRangeGridlinePaint(Charts.GRID);
        }
        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, true);
        chart.addSubtitle(
                new TextTitle("each point one case · the same load but for " + axis.varies, Charts.SUBTITLE_FONT));
        Charts.style(chart, plot);
        return chart;
    }

    private static XYLineAndShapeRenderer renderer(List<Line> lines, Palette palette, boolean legend) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Ellipse2D point = new Ellipse2D.Double(-POINT_PX / 2, -POINT_PX / 2, POINT_PX, POINT_PX);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, palette.color(lines.get(i).model()));
            renderer.setSeriesStroke(i, LINE);
            renderer.setSeriesShape(i, point);
            renderer.setSeriesVisibleInLegend(i, legend);
        }
        return renderer;
    }
}
