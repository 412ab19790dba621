package dev.sockbench.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The curve of a sweep: each step's achieved rate (x) against its corrected latency at the
 * objective's percentile (y, log scale), one line per model, the objective as a horizontal line.
 * Filled points are good steps (they count toward capacity), hollow ones failed.
 */
public final class SweepChart {
    private static final BasicStroke LINE = new BasicStroke(2.0f);
    private static final BasicStroke OBJECTIVE =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f, new float[] {8.0f, 4.0f}, 0.0f);
    private static final Color OBJECTIVE_COLOR = new Color(0xB0, 0x00, 0x20);
    private static final double POINT_PX = 8.0;

    /**
     * One model's steps, in the order of their target rate.
     *
     * @param model the model id (picks the colour)
     * @param label the legend text, unique within the chart
     * @param steps its steps
     */
    public record Curve(String model, String label, List<Step> steps) {}

    /**
     * One step.
     *
     * @param achievedRatePerSec what the server carried, requests/s
     * @param latencyUs corrected latency at the shown percentile, µs
     * @param good true when the step met the objective and its checks
     */
    public record Step(double achievedRatePerSec, double latencyUs, boolean good) {}

    private SweepChart() {}

    static JFreeChart create(
            String title, String percentileLabel, double objectiveUs, List<Curve> curves, Palette palette) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<List<Step>> stepsBySeries = new ArrayList<>();
        double minUs = objectiveUs;
        double maxUs = objectiveUs;
        for (Curve curve : curves) {
            XYSeries series = new XYSeries(curve.label(), false, true);
            List<Step> shown = new ArrayList<>();
            for (Step step : curve.steps()) {
                if (step.latencyUs() > 0) { // a log axis cannot show 0
                    series.add(step.achievedRatePerSec(), step.latencyUs());
                    shown.add(step);
                    minUs = Math.min(minUs, step.latencyUs());
                    maxUs = Math.max(maxUs, step.latencyUs());
                }
            }
            data.addSeries(series);
            stepsBySeries.add(shown);
        }

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean getItemShapeFilled(int series, int item) {
                return stepsBySeries.get(series).get(item).good();
            }
        };
        renderer.setUseFillPaint(false);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(false);
        Ellipse2D point = new Ellipse2D.Double(-POINT_PX / 2, -POINT_PX / 2, POINT_PX, POINT_PX);
        for (int i = 0; i < curves.size(); i++) {
            renderer.setSeriesPaint(i, palette.color(curves.get(i).model()));
            renderer.setSeriesStroke(i, LINE);
            renderer.setSeriesShape(i, point);
        }

        NumberAxis x = new NumberAxis("achieved rate (req/s)");
        x.setNumberFormatOverride(new DecimalFormat("#,##0"));
        x.setAutoRangeIncludesZero(true);
        LatencyAxis y = new LatencyAxis("corrected " + percentileLabel + " latency (µs, log scale)");
        y.fit(minUs, maxUs);

        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinePaint(Charts.GRID);
        plot.setRangeGridlinePaint(Charts.GRID);
        ValueMarker objective = new ValueMarker(objectiveUs, OBJECTIVE_COLOR, OBJECTIVE);
        objective.setLabel(
                "objective " + percentileLabel + " ≤ " + new DecimalFormat("#,##0.#").format(objectiveUs) + " µs");
        objective.setLabelFont(Charts.SUBTITLE_FONT);
        objective.setLabelPaint(OBJECTIVE_COLOR);
        objective.setLabelBackgroundColor(Color.WHITE);
        objective.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        objective.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(objective);

        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(
                "each point one step of the sweep · filled: the step met the objective and its checks · hollow: it failed",
                Charts.SUBTITLE_FONT));
        Charts.style(chart, plot);
        return chart;
    }
}
