package dev.sockbench.report.chart;

import java.awt.Paint;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/** The server's CPU time per request (user + sys), one bar per model, labelled with its value. */
public final class CostChart {
    private static final String SERIES = "CPU µs/request";

    /**
     * One model's cost.
     *
     * @param model the model id (picks the colour, labels the bar)
     * @param cpuUsPerRequest the server's user + sys CPU time per request, µs
     */
    public record Bar(String model, double cpuUsPerRequest) {}

    private CostChart() {}

    static JFreeChart create(String title, List<Bar> bars, Palette palette) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar bar : bars) {
            data.addValue(bar.cpuUsPerRequest(), SERIES, bar.model());
        }
        BarRenderer renderer = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return palette.color((String) data.getColumnKey(column));
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.12);
        renderer.setDefaultItemLabelGenerator(
                new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.00")));
        renderer.setDefaultItemLabelsVisible(true);

        CategoryAxis x = new CategoryAxis("model");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis y = new NumberAxis("server CPU per request (µs, user + sys)");
        y.setUpperMargin(0.15); // room for the value labels above the bars
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setRangeGridlinePaint(Charts.GRID);
        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, false);
        chart.addSubtitle(
                new TextTitle("lower is cheaper: what one request costs the server's CPUs", Charts.SUBTITLE_FONT));
        Charts.style(chart, plot);
        return chart;
    }
}
