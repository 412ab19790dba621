package dev.sockbench.report.chart;

import java.awt.Paint;
import java.text.DecimalFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
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
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (T bar : bars) {
            data.addValue(value.applyAsDouble(bar), label, model.apply(bar));
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
                new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat(valueFormat)));
        renderer.setDefaultItemLabelsVisible(true);
        NumberAxis y = new NumberAxis(label);
        y.setUpperMargin(0.2); // room for the value labels above the bars
        CategoryPlot panel = new CategoryPlot(data, null, y, renderer);
        panel.setRangeGridlinePaint(Charts.GRID);
        panel.setBackgroundPaint(java.awt.Color.WHITE);
        return panel;
    }
}
