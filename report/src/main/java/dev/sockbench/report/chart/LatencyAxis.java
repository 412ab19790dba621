package dev.sockbench.report.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A vertical log-scale latency axis labelled at round values (10, 20, 50, 100, 200, 500 ...),
 * not only at powers of ten, so a reader can tell 150 µs from 400 µs without counting
 * gridlines. Narrow ranges get finer steps.
 */
final class LatencyAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    /** Label steps within a decade, coarse to fine; the first giving enough labels wins. */
    private static final List<double[]> STEPS =
            List.of(new double[] {1, 2, 5}, new double[] {1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9}, new double[] {
                1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9
            });

    private static final int MIN_LABELS = 4;

    /** Room above and below the data, as a factor: the lines never touch the frame. */
    private static final double MARGIN_FACTOR = 1.3;

    private final DecimalFormat labelFormat = new DecimalFormat("#,##0.###");

    LatencyAxis(String label) {
        super(label);
    }

    /** Fits the axis to latencies from {@code minUs} to {@code maxUs} (both positive). */
    void fit(double minUs, double maxUs) {
        setRange(minUs / MARGIN_FACTOR, maxUs * MARGIN_FACTOR);
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        List<Double> values = List.of();
        for (double[] steps : STEPS) {
            values = roundValues(getLowerBound(), getUpperBound(), steps);
            if (values.size() >= MIN_LABELS) {
                break;
            }
        }
        List<NumberTick> ticks = new ArrayList<>();
        for (double v : values) {
            ticks.add(new NumberTick(
                    TickType.MAJOR, v, labelFormat.format(v), TextAnchor.CENTER_RIGHT, TextAnchor.CENTER_RIGHT, 0.0));
        }
        return ticks;
    }

    /** Every {@code step × 10^k} between the bounds, ascending. */
    static List<Double> roundValues(double lower, double upper, double[] steps) {
        List<Double> values = new ArrayList<>();
        for (int exp = (int) Math.floor(Math.log10(lower)); exp <= (int) Math.ceil(Math.log10(upper)); exp++) {
            for (double step : steps) {
                // 10^exp is not exact in binary for exp < 0: round to the digits a label shows
                double v = Double.parseDouble(String.format(Locale.ROOT, "%.6g", step * Math.pow(10, exp)));
                if (v >= lower && v <= upper) {
                    values.add(v);
                }
            }
        }
        return values;
    }
}
