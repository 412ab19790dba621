package dev.sockbench.report.chart;

import dev.sockbench.core.result.Percentiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * HdrHistogram's percentile distribution plot: x is the percentile on a log scale of
 * 1/(1-percentile), so 90%, 99%, 99.9% ... are evenly spaced and the tail gets the room it
 * deserves; y is the latency in µs (log scale, so a 30 µs median and a 5 ms tail both read).
 * Corrected latency is drawn solid, raw dashed in the same colour.
 */
public final class PercentileChart {
    /** Distance between plotted points, in nines: 40 points per factor of ten, smooth enough. */
    private static final double NINES_STEP = 0.025;

    private static final double NS_PER_US = 1_000.0;

    private static final BasicStroke SOLID = new BasicStroke(2.0f);
    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f, new float[] {6.0f, 4.0f}, 0.0f);

    /**
     * One model's distribution.
     *
     * @param model the model id (picks the colour)
     * @param label the legend text
     * @param correctedNs latency from the intended send time, ns
     * @param rawNs latency from the actual send, ns; null to draw none (e.g. closed loop, where it
     *     equals the corrected one)
     */
    public record Line(String model, String label, AbstractHistogram correctedNs, AbstractHistogram rawNs) {}

    /**
     * One point of a percentile plot.
     *
     * @param percentile 0 to 100 (exclusive)
     * @param nines -log10(1 - percentile/100): 0 at 0%, 1 at 90%, 2 at 99%, 3 at 99.9%
     * @param latencyUs the latency at that percentile, µs
     */
    public record Point(double percentile, double nines, double latencyUs) {}

    private PercentileChart() {}

    /**
     * The points of a histogram's percentile plot, evenly spaced in nines from 0% up to the
     * highest percentile with enough values behind it ({@link Percentiles#measurable}: ten above
     * it), then the maximum, drawn at 1 - 1/count (100% itself lies infinitely far right). Values
     * are {@code getValueAtPercentile}, as in the summary's percentiles, so the chart and the
     * table agree, and neither shows a percentile the run did not measure.
     */
    public static List<Point> points(AbstractHistogram histogramNs) {
        List<Point> points = new ArrayList<>();
        long count = histogramNs.getTotalCount();
        if (count == 0) {
            return points;
        }
        double lastNines = Math.log10(count);
        for (int i = 0; i * NINES_STEP < lastNines; i++) {
            double nines = i * NINES_STEP;
            double percentile = 100.0 * (1.0 - Math.pow(10, -nines));
            if (!Percentiles.measurable(count, percentile)) {
                break;
            }
            points.add(new Point(percentile, nines, histogramNs.getValueAtPercentile(percentile) / NS_PER_US));
        }
        points.add(new Point(100.0 * (1.0 - 1.0 / count), lastNines, histogramNs.getMaxValue() / NS_PER_US));
        return points;
    }

    static JFreeChart create(String title, List<Line> lines, Palette palette) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        boolean anyRaw = false;
        Extent extent = new Extent();
        for (Line line : lines) {
            Color color = palette.color(line.model());
            String correctedLabel = line.rawNs() == null ? line.label() : line.label() + " corrected";
            add(data, renderer, correctedLabel, line.correctedNs(), color, SOLID, extent);
            if (line.rawNs() != null) {
                anyRaw = true;
                add(data, renderer, line.label() + " raw", line.rawNs(), color, DASHED, extent);
            }
        }

        NumberAxis x = new NumberAxis("percentile");
        x.setTickUnit(new NumberTickUnit(1.0, new PercentileFormat()));
        // at least up to 99%, and a little past the last point so its tick label fits
        x.setRange(0.0, Math.max(2.0, extent.maxNines) + 0.1);
        LatencyAxis y = new LatencyAxis("latency (µs, log scale)");
        if (extent.maxUs > 0) {
            y.fit(extent.minUs, extent.maxUs);
        }

        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinePaint(Charts.GRID);
        plot.setRangeGridlinePaint(Charts.GRID);
        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(
                anyRaw
                        ? "solid: corrected (from the intended send time) · dashed: raw (from the actual send)"
                        : "corrected = raw here (closed loop: every request is sent when intended)",
                Charts.SUBTITLE_FONT));
        Charts.style(chart, plot);
        return chart;
    }

    /** Adds one series and widens {@code extent} to hold it. */
    private static void add(
            XYSeriesCollection data,
            XYLineAndShapeRenderer renderer,
            String label,
            AbstractHistogram histogramNs,
            Color color,
            BasicStroke stroke,
            Extent extent) {
        // autoSort off and duplicates allowed: the points are already in percentile order.
        XYSeries series = new XYSeries(label, false, true);
        for (Point p : points(histogramNs)) {
            // a log axis cannot show 0; a 0 µs latency is a recording bug, not a value to draw
            if (p.latencyUs() > 0) {
                series.add(p.nines(), p.latencyUs());
                extent.include(p);
            }
        }
        int index = data.getSeriesCount();
        data.addSeries(series);
        renderer.setSeriesPaint(index, color);
        renderer.setSeriesStroke(index, stroke);
    }

    /** How far the plotted points reach. */
    private static final class Extent {
        double maxNines;
        double minUs = Double.MAX_VALUE;
        double maxUs;

        void include(Point p) {
            maxNines = Math.max(maxNines, p.nines());
            minUs = Math.min(minUs, p.latencyUs());
            maxUs = Math.max(maxUs, p.latencyUs());
        }
    }

    /** Labels an x position in nines as the percentile it stands for: 0 → 0%, 3 → 99.9%. */
    static final class PercentileFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double nines, StringBuffer out, FieldPosition pos) {
            return out.append(label(nines));
        }

        @Override
        public StringBuffer format(long nines, StringBuffer out, FieldPosition pos) {
            return out.append(label(nines));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("labels only");
        }

        static String label(double nines) {
            long n = Math.round(nines);
            if (Math.abs(nines - n) > 1e-9 || n < 0) {
                return "";
            }
            if (n == 0) {
                return "0%";
            }
            if (n == 1) {
                return "90%";
            }
            return "99" + (n > 2 ? "." + "9".repeat((int) n - 2) : "") + "%";
        }
    }
}
