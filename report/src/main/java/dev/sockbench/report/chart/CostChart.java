package dev.sockbench.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * What one request costs the server, one bar per model in two panels over the same models: CPU
 * time (user + sys, µs) above, context switches below. Each bar is labelled with its value.
 */
public final class CostChart {
    /**
     * One model's cost.
     *
     * @param model the model id (picks the colour, labels the bar)
     * @param cpuUsPerRequest the server's user + sys CPU time per request, µs
     * @param ctxSwitchesPerRequest the server's context switches (voluntary + involuntary) per request
     */
    public record Bar(String model, double cpuUsPerRequest, double ctxSwitchesPerRequest) {}

    private static final Color WHISKER = new Color(0x33, 0x33, 0x33);
    private static final BasicStroke WHISKER_STROKE = new BasicStroke(1.5f);

    private CostChart() {}

    static JFreeChart create(String title, List<Bar> bars, Palette palette) {
        CategoryAxis models = new CategoryAxis("model");
        models.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(models);
        plot.setGap(12.0);
        plot.add(panel("CPU (µs/request)", bars, Bar::model, Bar::cpuUsPerRequest, palette, "#,##0.00"), 1);
        plot.add(
                panel("ctx switches (/request)", bars, Bar::model, Bar::ctxSwitchesPerRequest, palette, "#,##0.00"), 1);
        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, false);
        chart.addSubtitle(new TextTitle(
                "server cost per request over the measured interval · lower is cheaper", Charts.SUBTITLE_FONT));
        Charts.style(chart, plot);
        return chart;
    }

    /** One panel of bars, one per model in its colour, each labelled with its value. */
    static <T> CategoryPlot panel(
            String label,
            List<T> bars,
            Function<T, String> model,
            ToDoubleFunction<T> value,
            Palette palette,
            String valueFormat) {
        return panel(label, bars, model, value, b -> null, palette, valueFormat);
    }

    /**
     * The same, each bar with a whisker over its interval where {@code interval} gives one ({@code
     * [low, high]}; null for none).
     */
    static <T> CategoryPlot panel(
            String label,
            List<T> bars,
            Function<T, String> model,
            ToDoubleFunction<T> value,
            Function<T, double[]> interval,
            Palette palette,
            String valueFormat) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<double[]> intervals = new ArrayList<>();
        double top = 0; // the highest whisker, which the axis must reach
        for (T bar : bars) {
            data.addValue(value.applyAsDouble(bar), label, model.apply(bar));
            double[] range = interval.apply(bar);
            intervals.add(range);
            top = Math.max(
                    top, range == null ? value.applyAsDouble(bar) : Math.max(range[1], value.applyAsDouble(bar)));
        }
        BarRenderer renderer = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return palette.color((String) data.getColumnKey(column));
            }

            @Override
            public void drawItem(
                    Graphics2D g2,
                    CategoryItemRendererState state,
                    Rectangle2D dataArea,
                    CategoryPlot plot,
                    CategoryAxis domainAxis,
                    ValueAxis rangeAxis,
                    CategoryDataset dataset,
                    int row,
                    int column,
                    int pass) {
                super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
                double[] range = intervals.get(column);
                if (pass == 0 && range != null) {
                    double middle = domainAxis.getCategoryMiddle(
                            dataset.getColumnKey(column), dataset.getColumnKeys(), dataArea, plot.getDomainAxisEdge());
                    drawWhisker(g2, plot, rangeAxis, dataArea, middle, state.getBarWidth() / 4, range);
                }
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.12);
        renderer.setDefaultItemLabelGenerator(
                new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat(valueFormat)));
        renderer.setDefaultItemLabelsVisible(true);
        NumberAxis y = new NumberAxis(label);
        y.setUpperMargin(0.2); // room for the value labels above the bars
        if (intervals.stream().anyMatch(r -> r != null) && top > 0) {
            y.setRange(0, top * 1.2);
        }
        CategoryPlot panel = new CategoryPlot(data, null, y, renderer);
        panel.setRangeGridlinePaint(Charts.GRID);
        panel.setBackgroundPaint(java.awt.Color.WHITE);
        return panel;
    }

    /** A line over {@code range} across the bar at {@code middle}, with caps {@code capPx} to each side. */
    private static void drawWhisker(
            Graphics2D g2,
            CategoryPlot plot,
            ValueAxis rangeAxis,
            Rectangle2D dataArea,
            double middle,
            double capPx,
            double[] range) {
        double low = rangeAxis.valueToJava2D(range[0], dataArea, plot.getRangeAxisEdge());
        double high = rangeAxis.valueToJava2D(range[1], dataArea, plot.getRangeAxisEdge());
        g2.setPaint(WHISKER);
        g2.setStroke(WHISKER_STROKE);
        boolean horizontal = plot.getOrientation() == PlotOrientation.HORIZONTAL;
        for (Line2D line : List.of(
                new Line2D.Double(low, middle, high, middle),
                new Line2D.Double(low, middle - capPx, low, middle + capPx),
                new Line2D.Double(high, middle - capPx, high, middle + capPx))) {
            g2.draw(horizontal ? line : new Line2D.Double(line.getY1(), line.getX1(), line.getY2(), line.getX2()));
        }
    }
}
