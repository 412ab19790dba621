package dev.sockbench.report.chart;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Horizontal stacked bars: each category (a model) split into parts (e.g. the kinds of system
 * call a request costs), the same part the same colour in every bar.
 */
public final class StackedBarChart {
    /**
     * One part of one bar.
     *
     * @param category the bar, e.g. a model id
     * @param part the part's name, e.g. {@code wait}
     */
    public record Part(String category, String part, double value) {}

    private static final List<Color> PART_COLORS =
            List.of(new Color(0xE15759), new Color(0x4E79A7), new Color(0x59A14F), new Color(0xBAB0AC));

    private StackedBarChart() {}

    static JFreeChart create(String title, String valueLabel, List<Part> parts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Part p : parts) {
            data.addValue(p.value(), p.part(), p.category());
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, PART_COLORS.get(i % PART_COLORS.size()));
        }
        NumberAxis values = new NumberAxis(valueLabel);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeGridlinePaint(Charts.GRID);
        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, true);
        Charts.style(chart, plot);
        return chart;
    }
}
